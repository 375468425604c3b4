// POST /api/orders: accepts an order and queues it for ProcessOrder.
// (function.json: httpTrigger with a function key, queue output binding `orderQueue`.)

// Order ids as the shop issues them.
const ORDER_ID = /^ord_[0-9a-z]{12}$/;

module.exports = async function (context, req) {
  const orderId = req.body?.orderId;
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) {
    context.res = { status: 400, body: { message: 'orderId must look like ord_0123456789ab' } };
    return;
  }

  // Queue only the fields ProcessOrder needs, never the caller's whole body.
  context.bindings.orderQueue = { orderId };

  context.res = { status: 202, body: { accepted: true } };
};
