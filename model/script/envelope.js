// Events as the Eventscope runtime hands them to scripts, evaluated after prelude.js (a program of
// its own, like runtime.js, which uses it).
//
// Why it looks the way it does: in Qt 6.4's engine, JSON.parse costs about 0.25 µs per object
// member and every string made a few hundred nanoseconds. So a batch of events arrives as one string
// (the events' strings back to back) and one ArrayBuffer of doubles per event (numbers, and where
// each string starts: see eventbatch.h); an event object is two slots and a prototype of getters,
// which cut a string out or parse the data only when a handler reads it.
//
// The completion value of this program is a function the host calls once; it returns what
// runtime.js needs.
(function () {
    "use strict";

    // Per event in the batch's numbers, as eventbatch.cpp writes them.
    var NUMBERS = 14;
    var POSITION = 0, VERSION = 1, SCHEMA = 2, SLOT = 3, HANDLER = 4;
    var STREAM = 5, TYPE = 6, TIMESTAMP = 7, ID = 8, CAUSATION = 9, CORRELATION = 10, DATA = 11, METADATA = 12;

    var byStream = false; // whether `partition` is the stream (foreachStream, fromStreamsMatching)

    var NOT_JSON = {}; // what a body that is not JSON is cached as

    function Batch(text, buffer) {
        this.text = text;
        this.n = new Float64Array(buffer);
        this.bodies = []; // parsed on first access
        this.metadata = [];
    }

    function field(batch, i, k) {
        var o = i * NUMBERS + k;
        return batch.text.substring(batch.n[o], batch.n[o + 1]);
    }

    function parseOr(text, fallback) {
        if (text === "")
            return {};
        try {
            return JSON.parse(text);
        } catch (notJson) {
            return fallback;
        }
    }

    // The event handlers see: KurrentDB's envelope (streamId, eventType, sequenceNumber, body and
    // data, bodyRaw, metadata, metadataRaw, isJson, linkMetadata, partition, category, eventId) and
    // Eventscope's position, timestamp, id, causationId, correlationId and schemaVersion. The fields
    // are getters on the prototype: spreading an event ({...e}) copies none of them, but
    // JSON.stringify(e) has them all (toJSON), and so does the event an upcaster gets.
    var BATCH = Symbol("batch"), INDEX = Symbol("index"), KEY = Symbol("partition");

    function Envelope(batch, i) {
        this[BATCH] = batch;
        this[INDEX] = i;
    }

    function bodyOf(e) {
        var batch = e[BATCH], i = e[INDEX], body = batch.bodies[i];
        if (body === undefined) {
            body = parseOr(field(batch, i, DATA), NOT_JSON);
            batch.bodies[i] = body;
        }
        return body;
    }

    (function () {
        var proto = Envelope.prototype;
        function define(name, get, set) {
            Object.defineProperty(proto, name, { get: get, set: set, enumerable: true, configurable: true });
        }
        function number(k) { return function () { return this[BATCH].n[this[INDEX] * NUMBERS + k]; }; }
        function text(k) { return function () { return field(this[BATCH], this[INDEX], k); }; }
        function textOrNull(k) { return function () { return field(this[BATCH], this[INDEX], k) || null; }; }
        function setBody(value) { this[BATCH].bodies[this[INDEX]] = value; }
        define("position", number(POSITION));
        define("streamId", text(STREAM));
        define("sequenceNumber", number(VERSION));
        define("eventType", text(TYPE));
        define("schemaVersion", number(SCHEMA));
        define("timestamp", text(TIMESTAMP));
        define("id", text(ID));
        define("eventId", text(ID));
        define("causationId", textOrNull(CAUSATION));
        define("correlationId", textOrNull(CORRELATION));
        define("category", function () {
            var stream = this.streamId, dash = stream.indexOf("-");
            return dash < 0 ? stream : stream.substring(0, dash);
        });
        define("partition", function () {
            var key = this[KEY];
            return key !== undefined ? key : byStream ? this.streamId : "";
        });
        define("isJson", function () { return bodyOf(this) !== NOT_JSON; });
        define("body", function () { var b = bodyOf(this); return b === NOT_JSON ? undefined : b; }, setBody);
        define("data", function () { var b = bodyOf(this); return b === NOT_JSON ? undefined : b; }, setBody);
        define("bodyRaw", text(DATA));
        define("metadataRaw", text(METADATA));
        define("metadata", function () {
            var batch = this[BATCH], i = this[INDEX], metadata = batch.metadata[i];
            if (metadata === undefined) {
                metadata = parseOr(field(batch, i, METADATA), null);
                batch.metadata[i] = metadata;
            }
            return metadata;
        }, function (value) { this[BATCH].metadata[this[INDEX]] = value; });
        proto.linkMetadata = null;
        // Not enumerable: for (k in e) lists the event's fields and nothing else.
        Object.defineProperty(proto, "toJSON", { value: function () { return plain(this); }, writable: true, configurable: true });
    })();

    var FIELDS = ["position", "streamId", "sequenceNumber", "eventType", "schemaVersion", "timestamp", "id",
                  "eventId", "causationId", "correlationId", "category", "partition", "isJson", "body", "data",
                  "bodyRaw", "metadata", "metadataRaw", "linkMetadata"];

    // The event as a plain object of its own fields: what upcasters get and spread.
    function plain(e) {
        var object = {};
        for (var i = 0; i < FIELDS.length; i++)
            object[FIELDS[i]] = e[FIELDS[i]];
        return object;
    }

    return {
        NUMBERS: NUMBERS,
        SLOT: SLOT,
        HANDLER: HANDLER,
        KEY: KEY,
        Batch: Batch,
        Envelope: Envelope,
        plain: plain,
        partitionIsStream: function (value) { byStream = value; }
    };
})
