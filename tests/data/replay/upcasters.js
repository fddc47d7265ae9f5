// OrderPlaced v1 wrote the address as one string; v2 as an object.
upcast('OrderPlaced', 1, e => ({ ...e, data: { ...e.data, shippingAddress: { street: e.data.shipTo }, shipTo: undefined } }));
