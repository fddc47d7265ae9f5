// OrderPlaced v1 -> v2. From 40% of the generated log on (STORIES.md, "Schema change"), OrderPlaced
// carries a structured shippingAddress instead of the flat shipTo text
// ("12 Via Roma, 20121 Milano, IT"); with this upcaster every projection sees v2 only.
// A postcode may hold a space ("411 01 Göteborg"): it is the run of words with digits before the city.
upcast('OrderPlaced', 1, function (e) {
    var data = Object.assign({}, e.data);
    var m = /^(.*), ((?:\S*\d\S*)(?: \S*\d\S*)*) (.+), (\S+)$/.exec(data.shipTo || '');
    data.shippingAddress = m ? { street: m[1], postcode: m[2], city: m[3], country: m[4] }
                             : { street: data.shipTo || null, postcode: null, city: null, country: null };
    delete data.shipTo;
    return Object.assign({}, e, { data: data });
});
