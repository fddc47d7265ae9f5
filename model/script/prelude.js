// The Eventscope prelude, evaluated in every script engine before the user's script (as a program of
// its own, so that the user's line numbers are the lines of their file).
//
// It defines the KurrentDB user-projection API (options, fromAll, fromStream(s), fromCategory,
// fromCategories, fromStreamsMatching, .foreachStream, .partitionBy, .when, .outputState,
// .transformBy, .filterBy, .outputTo), Eventscope's checks (invariant, breakpoint) and upcasters
// (upcast), compensation rules (compensate), and the ECMAScript built-ins Qt 6.4's engine lacks. What the user's script declares
// with them goes to runtime.js, which folds events.
//
// The completion value of this program is a function the host calls once with the global object;
// it returns what runtime.js reads.
(function (global) {
    "use strict";

    // The names the host evaluates our programs as: their stack frames are not the user's.
    var PRELUDE_FILES = ["eventscope-prelude.js", "eventscope-envelope.js", "eventscope-runtime.js"];

    // ---- What the user's script declares -------------------------------------------------------

    var defining = true; // the definition functions work only while the user's script is loaded
    var def = {
        selector: null, // the name of the fromX() called
        line: 0,        // and the line it was called on
        sourceKind: "all",
        streams: [],
        category: "",
        categories: null,  // fromCategories: category -> true
        matching: null,    // fromStreamsMatching's filter
        partitioning: "none",
        partitionBy: null,
        whenCalled: false,
        handlers: Object.create(null),
        any: null,
        init: null,
        initShared: null,
        biState: false,
        transforms: [] // [{filter: bool, fn}]
    };
    var checks = [];                        // {name, invariant, fn, readsState}
    var upcasters = Object.create(null);    // type -> version -> fn
    var upcasterList = [];                  // [type, version]
    var compensations = Object.create(null); // type -> fn(event, state) -> events to draft
    var compensationList = [];              // types, in declaration order

    // The line of the innermost frame of the user's script; a V4 stack frame reads "name@file:line".
    function userLine() {
        var frames = String(new Error().stack || "").split("\n");
        for (var i = 0; i < frames.length; i++) {
            if (PRELUDE_FILES.some(function (file) { return frames[i].indexOf(file) >= 0; }))
                continue;
            var m = /:(\d+)$/.exec(frames[i]);
            if (m)
                return +m[1];
        }
        return 0;
    }

    function errorAt(message, line) {
        var error = new Error(message);
        error.eventscopeLine = line;
        return error;
    }

    function requireDefining(name) {
        if (!defining)
            throw new Error(name + "() can only be called while the script is loaded, not while it folds events");
    }

    function requireFunction(name, fn) {
        if (typeof fn !== "function")
            throw new TypeError(name + "() expects a function");
    }

    function requireString(name, value) {
        if (typeof value !== "string" || value === "")
            throw new TypeError(name + "() expects a non-empty string, not " + JSON.stringify(value));
    }

    function select(name) {
        requireDefining(name);
        if (def.selector !== null)
            throw new Error(name + "(): the script already selected its events with " + def.selector + "()");
        def.selector = name;
        def.line = userLine();
    }

    // What a step of the chain offers next; asking for anything else names what there is, rather than
    // V4's "Property 'x' of object [object Object] is not a function".
    function chain(name, methods) {
        return new Proxy(methods, {
            get: function (target, property) {
                if (typeof property !== "string" || Object.prototype.hasOwnProperty.call(target, property))
                    return target[property];
                if (property === "then" || property === "toJSON" || property in Object.prototype)
                    return undefined;
                // A function that throws when called: an exception thrown from here would reach the
                // user as V4's own "is not a function" message instead.
                var offered = Object.keys(target);
                return function () {
                    throw new TypeError(name + "() has no ." + property + "()" +
                                        (offered.length ? ": it is followed by ." + offered.join("(), .") + "()"
                                                        : ": it ends the definition"));
                };
            }
        });
    }

    function afterTransform(name) {
        return chain(name, { transformBy: transformBy, filterBy: filterBy, outputState: outputState, outputTo: outputTo });
    }

    function transformBy(fn) {
        requireDefining("transformBy");
        requireFunction("transformBy", fn);
        def.transforms.push({ filter: false, fn: fn });
        return afterTransform("transformBy");
    }

    function filterBy(fn) {
        requireDefining("filterBy");
        requireFunction("filterBy", fn);
        def.transforms.push({ filter: true, fn: fn });
        return afterTransform("filterBy");
    }

    function outputState() {
        requireDefining("outputState");
        return chain("outputState", { transformBy: transformBy, filterBy: filterBy, outputTo: outputTo });
    }

    // The result stream's name: a server-side matter, accepted and ignored like options.resultStreamName.
    function outputTo() {
        requireDefining("outputTo");
        return chain("outputTo", {});
    }

    function when(handlers) {
        requireDefining("when");
        if (def.whenCalled)
            throw new Error("when() can be called only once");
        if (handlers === null || typeof handlers !== "object")
            throw new TypeError("when() expects an object of handlers: { $init: ..., EventType: (state, event) => ... }");
        Object.keys(handlers).forEach(function (key) {
            var fn = handlers[key];
            if (typeof fn !== "function")
                throw new TypeError("when(): the handler for '" + key + "' is not a function");
            if (key === "$init")
                def.init = fn;
            else if (key === "$initShared") {
                def.initShared = fn;
                def.biState = true;
            } else if (key === "$any")
                def.any = fn;
            else if (key === "$deleted" || key === "$created")
                return; // stream notifications: an imported log has neither
            else
                def.handlers[key] = fn;
        });
        def.whenCalled = true;
        return chain("when", {
            transformBy: transformBy,
            filterBy: filterBy,
            outputState: outputState,
            outputTo: outputTo,
            $defines_state_transform: function () { return undefined; }
        });
    }

    function foreachStream() {
        requireDefining("foreachStream");
        def.partitioning = "stream";
        return chain("foreachStream", { when: when });
    }

    function partitionBy(fn) {
        requireDefining("partitionBy");
        requireFunction("partitionBy", fn);
        def.partitioning = "key";
        def.partitionBy = fn;
        return chain("partitionBy", { when: when });
    }

    function broadSelection(name) {
        return chain(name, { when: when, partitionBy: partitionBy, foreachStream: foreachStream, outputState: outputState });
    }

    function narrowSelection(name) {
        return chain(name, { when: when, partitionBy: partitionBy, outputState: outputState });
    }

    function listOf(name, args) {
        var list = args.length === 1 && Array.isArray(args[0]) ? args[0] : Array.prototype.slice.call(args);
        if (list.length === 0)
            throw new TypeError(name + "() expects at least one name");
        list.forEach(function (item) { requireString(name, item); });
        return list;
    }

    var api = {
        options: function (options) {
            requireDefining("options");
            var known = { resultStreamName: 1, $includeLinks: 1, reorderEvents: 1, processingLag: 1, biState: 1 };
            Object.keys(options || {}).forEach(function (key) {
                if (!known[key])
                    throw new Error("Unrecognized option: " + key);
                if (key === "biState")
                    def.biState = !!options[key];
            });
        },
        fromAll: function () {
            select("fromAll");
            return broadSelection("fromAll");
        },
        fromCategory: function (category) {
            if (arguments.length !== 1 || Array.isArray(category))
                return api.fromCategories.apply(null, arguments);
            select("fromCategory");
            requireString("fromCategory", category);
            def.sourceKind = "category";
            def.category = category;
            return broadSelection("fromCategory");
        },
        fromCategories: function () {
            select("fromCategories");
            var list = listOf("fromCategories", arguments);
            def.sourceKind = "matching";
            def.categories = Object.create(null);
            list.forEach(function (category) { def.categories[category] = true; });
            return narrowSelection("fromCategories");
        },
        fromStream: function (stream) {
            select("fromStream");
            requireString("fromStream", stream);
            def.sourceKind = "streams";
            def.streams = [stream];
            return narrowSelection("fromStream");
        },
        fromStreams: function () {
            select("fromStreams");
            def.sourceKind = "streams";
            def.streams = listOf("fromStreams", arguments);
            return narrowSelection("fromStreams");
        },
        // As in KurrentDB: filter(streamId, event) picks the streams, and the state is kept per stream.
        fromStreamsMatching: function (filter) {
            select("fromStreamsMatching");
            requireFunction("fromStreamsMatching", filter);
            def.sourceKind = "matching";
            def.matching = filter;
            def.partitioning = "stream";
            return chain("fromStreamsMatching", { when: when });
        },
        invariant: function (name, fn) {
            addCheck("invariant", name, fn, true);
        },
        breakpoint: function (name, fn) {
            // A condition over the event alone declares only the event parameter.
            addCheck("breakpoint", name, fn, fn === undefined || fn === null || fn.length >= 2);
        },
        upcast: function (type, fromVersion, fn) {
            requireDefining("upcast");
            requireString("upcast", type);
            if (typeof fromVersion !== "number" || fromVersion !== Math.floor(fromVersion) || fromVersion < 0)
                throw new TypeError("upcast() expects the schema version it upcasts from as an integer, not " + JSON.stringify(fromVersion));
            requireFunction("upcast", fn);
            var byVersion = upcasters[type] || (upcasters[type] = Object.create(null));
            if (byVersion[fromVersion])
                throw new Error("upcast('" + type + "', " + fromVersion + ") is declared twice");
            byVersion[fromVersion] = fn;
            upcasterList.push([type, fromVersion]);
        },
        // A compensation rule: fn(event, state) returns the events that correct `event` (an object,
        // an array of them, or nothing when the event needs no correction).
        compensate: function (type, fn) {
            requireDefining("compensate");
            requireString("compensate", type);
            requireFunction("compensate", fn);
            if (compensations[type])
                throw new Error("compensate('" + type + "') is declared twice");
            compensations[type] = fn;
            compensationList.push(type);
        },
        // KurrentDB's log(): there is no server log to write to, so the message is dropped.
        log: function () { return undefined; }
    };

    function addCheck(kind, name, fn, readsState) {
        requireDefining(kind);
        requireString(kind, name);
        requireFunction(kind, fn);
        for (var i = 0; i < checks.length; i++) {
            if (checks[i].name === name)
                throw new Error(kind + "('" + name + "'): a check of that name is already declared");
        }
        checks.push({ name: name, invariant: kind === "invariant", fn: fn, readsState: readsState });
    }

    ["emit", "linkTo", "copyTo", "linkStreamTo"].forEach(function (name) {
        api[name] = function () {
            throw new Error(name + "() is not supported: Eventscope projections compute state and never write to a store");
        };
    });

    Object.keys(api).forEach(function (name) { global[name] = api[name]; });

    // ---- ECMAScript built-ins Qt 6.4's engine lacks (ES2019-ES2022), as the standard defines them --

    function define(object, name, value) {
        if (object[name] === undefined)
            Object.defineProperty(object, name, { value: value, writable: true, enumerable: false, configurable: true });
    }
    define(global, "globalThis", global);
    define(Object, "fromEntries", function (entries) {
        var object = {};
        for (var entry of entries)
            object[entry[0]] = entry[1];
        return object;
    });
    define(Object, "hasOwn", function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); });
    define(Array.prototype, "flat", function flat(depth) {
        depth = depth === undefined ? 1 : Math.floor(depth);
        var out = [];
        (function add(items, level) {
            for (var i = 0; i < items.length; i++) {
                if (!(i in items))
                    continue;
                if (Array.isArray(items[i]) && level > 0)
                    add(items[i], level - 1);
                else
                    out.push(items[i]);
            }
        })(this, depth);
        return out;
    });
    define(Array.prototype, "flatMap", function flatMap(fn, thisArg) {
        return Array.prototype.map.call(this, fn, thisArg).flat(1);
    });
    function relativeAt(index) {
        var n = this.length, i = Math.trunc(index) || 0;
        i = i < 0 ? n + i : i;
        return i < 0 || i >= n ? undefined : this[i];
    }
    define(Array.prototype, "at", relativeAt);
    define(String.prototype, "at", relativeAt);
    define(Array.prototype, "findLast", function findLast(fn, thisArg) {
        for (var i = this.length - 1; i >= 0; i--) {
            if (fn.call(thisArg, this[i], i, this))
                return this[i];
        }
        return undefined;
    });
    define(Array.prototype, "findLastIndex", function findLastIndex(fn, thisArg) {
        for (var i = this.length - 1; i >= 0; i--) {
            if (fn.call(thisArg, this[i], i, this))
                return i;
        }
        return -1;
    });
    define(String.prototype, "trimStart", function trimStart() { return String(this).replace(/^\s+/, ""); });
    define(String.prototype, "trimEnd", function trimEnd() { return String(this).replace(/\s+$/, ""); });
    define(String.prototype, "replaceAll", function replaceAll(pattern, replacement) {
        if (pattern instanceof RegExp) {
            if (!pattern.global)
                throw new TypeError("replaceAll must be called with a global RegExp");
            return String(this).replace(pattern, replacement);
        }
        var literal = String(pattern).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return String(this).replace(new RegExp(literal, "g"), replacement);
    });

    return {
        def: def,
        checks: checks,
        upcasters: upcasters,
        upcasterList: upcasterList,
        compensations: compensations,
        compensationList: compensationList,
        errorAt: errorAt,
        endDefinition: function () { defining = false; }
    };
})
