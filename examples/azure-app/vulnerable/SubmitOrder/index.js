// POST /api/orders: accepts an order and queues it for ProcessOrder.
// (function.json: anonymous httpTrigger, queue output binding `orderQueue`.)
module.exports = async function (context, req) {
  context.log('Order received');

  // FLAW: the request body is forwarded to the queue as-is. ProcessOrder trusts queue messages,
  // so whatever an anonymous caller puts in `orderId` reaches its shell command.
  context.bindings.orderQueue = req.body;

  context.res = { status: 202, body: { accepted: true } };
};
