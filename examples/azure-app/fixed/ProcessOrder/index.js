// Queue trigger on `orders`: hands each order to the fulfilment tool.
const { execFile } = require('child_process');

// Checked again here: anything holding the storage connection string can enqueue messages,
// not only SubmitOrder.
const ORDER_ID = /^ord_[0-9a-z]{12}$/;

module.exports = async function (context, myQueueItem) {
  const orderId = myQueueItem?.orderId;
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) {
    // Throwing would retry the message five times and then move it to the poison queue;
    // a malformed order will never succeed, so log it and drop it.
    context.log.warn('Dropping a queue message without a valid orderId');
    return;
  }

  // No shell: the order id is one argument to the tool, whatever characters it holds.
  const output = await new Promise((resolve, reject) => {
    execFile('process-order', [orderId], (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

  context.log('Processed order', orderId, output.trim());
};
