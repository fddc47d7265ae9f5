// The Eventscope runtime, evaluated after prelude.js and before the user's script: what the host
// (C++) calls to fold events, capture and restore states, evaluate checks and upcast events.
//
// Why it looks the way it does: in Qt 6.4's engine every string made costs a few hundred
// nanoseconds, a double used as an array index is turned into a string key, a Map costs many times a
// plain object, and the garbage collector marks every live object each time it runs. So the host
// resolves each event's handler and, for per-stream projections, its partition to array indices
// before the batch is sent; states are array slots; events are envelope.js's cheap objects.
//
// The completion value of this program is a function the host calls once with what prelude.js and
// envelope.js returned; it returns the runtime.
(function (declared, events) {
    "use strict";

    var def = declared.def, checks = declared.checks, upcasters = declared.upcasters;
    var upcasterList = declared.upcasterList, errorAt = declared.errorAt;
    var compensations = declared.compensations, compensationList = declared.compensationList;

    var runtime; // the object returned to the host, defined last; the functions above report through it
    var NONE = 0, BY_STREAM = 1, BY_KEY = 2;
    var partitioning = NONE, handlerList = [], anyHandler = null, initFn = null, initSharedFn = null;
    var biState = false, partitionFn = null, matchFn = null, transforms = [];

    var NUMBERS = events.NUMBERS, SLOT = events.SLOT, HANDLER = events.HANDLER, KEY = events.KEY;
    var Batch = events.Batch, Envelope = events.Envelope, plain = events.plain;

    // ---- States ---------------------------------------------------------------------------------

    // The unpartitioned or the shared state, and whether capture() must export it.
    function Holder(state) {
        this.s = state;
        this.dirty = false;
    }

    // The states of one projection: live, or a scratch area for foldPartition(). Partitions are
    // array slots: the host numbers streams; partitionBy keys are numbered here.
    function Store(host) {
        this.host = host || null; // C++: restoredState(which, key) -> the state, or undefined
        resetStore(this);
    }

    function resetStore(store) {
        store.lookup = false; // whether a partition missing here may be in a restored snapshot
        store.states = [];
        store.has = [];
        store.dirty = [];
        store.dirtyList = [];
        store.keys = [];                          // BY_KEY: slot -> key
        store.keyIndex = Object.create(null);     // BY_KEY: key -> slot
        store.newKeys = [];                       // BY_KEY: slots numbered since the last export
        store.global = null;
        store.shared = null;
        store.batch = null;                       // step mode
        store.next = 0;
        store.cursor = 0;                         // the index in the batch of the event being folded
        store.lastEvent = null;                   // for checks: the last event folded, and its slot
        store.lastSlot = -1;
    }

    function initialState() {
        return initFn !== null ? initFn() : {};
    }

    function initialSharedState() {
        return initSharedFn !== null ? initSharedFn() : {};
    }

    // The initial state is state too: capture() right after reset() reports it.
    function initialise(store) {
        resetStore(store);
        if (partitioning === NONE) {
            store.global = new Holder(initialState());
            store.global.dirty = true;
        }
        if (biState) {
            store.shared = new Holder(initialSharedState());
            store.shared.dirty = true;
        }
    }

    // The state a restored snapshot holds (which: 0 unpartitioned, 1 shared, 2 partition `key`), or
    // undefined.
    function restored(store, which, key) {
        return store.host !== null ? store.host.restoredState(which, key) : undefined;
    }

    function holderOf(store, which) {
        var holder = which === 0 ? store.global : store.shared;
        if (holder === null) {
            var state = restored(store, which, "");
            holder = new Holder(state !== undefined ? state : which === 0 ? initialState() : initialSharedState());
            holder.dirty = state === undefined;
            if (which === 0)
                store.global = holder;
            else
                store.shared = holder;
        }
        return holder;
    }

    function touch(store, slot) {
        if (store.dirty[slot] !== true) {
            store.dirty[slot] = true;
            store.dirtyList.push(slot);
        }
    }

    function materialise(store, slot, key) {
        var state = store.lookup ? restored(store, 2, key) : undefined;
        if (state === undefined) {
            state = initialState();
            touch(store, slot);
        }
        store.states[slot] = state;
        store.has[slot] = true;
    }

    function ignored(store) {
        store.lastEvent = null;
        store.lastSlot = -1;
        return null;
    }

    // Folds event i of the batch. Returns its slot (BY_STREAM), key (BY_KEY) or "" (unpartitioned),
    // or null when the projection ignores it. `only`, when not null, is the one slot (BY_STREAM) or
    // key (BY_KEY) whose events count.
    function foldEvent(store, batch, i, only) {
        var base = i * NUMBERS;
        // "| 0": a double from the Float64Array, used as an index as it is, would be turned into a
        // string property key on every access in this engine.
        var h = batch.n[base + HANDLER] | 0;
        var fn = h >= 0 ? handlerList[h] : anyHandler;
        if (fn === null)
            return ignored(store);
        var e = new Envelope(batch, i);
        if (matchFn !== null && !matchFn(e))
            return ignored(store);
        var result = "", slot = -1, state;
        if (partitioning !== NONE) {
            var key;
            if (partitioning === BY_STREAM) {
                slot = batch.n[base + SLOT] | 0;
                result = slot;
                if (only !== null && slot !== only)
                    return ignored(store);
            } else {
                key = partitionFn(e);
                if (typeof key !== "string")
                    key = typeof key === "number" ? String(key) : "";
                if (key === "" || (only !== null && key !== only))
                    return ignored(store);
                e[KEY] = key;
                result = key;
                slot = store.keyIndex[key];
                if (slot === undefined) {
                    slot = store.keys.length;
                    store.keys.push(key);
                    store.keyIndex[key] = slot;
                    store.newKeys.push(slot);
                }
            }
            if (store.has[slot] !== true)
                materialise(store, slot, key !== undefined ? key : e.streamId);
            state = store.states[slot];
        }
        var holder = partitioning === NONE ? store.global || holderOf(store, 0) : null;
        if (holder !== null)
            state = holder.s;
        var returned;
        if (biState) {
            var shared = store.shared || holderOf(store, 1);
            var pair = [state, shared.s];
            returned = fn(pair, e);
            if (returned !== undefined)
                pair = returned;
            state = pair[0];
            shared.s = pair[1];
            shared.dirty = true;
        } else {
            returned = fn(state, e);
            if (returned !== undefined)
                state = returned;
        }
        if (holder !== null) {
            holder.s = state;
            holder.dirty = true;
        } else {
            store.states[slot] = state;
            touch(store, slot);
        }
        store.lastEvent = e;
        store.lastSlot = slot;
        return result;
    }

    // The slot of a partition named by the host: its stream's slot, or (BY_KEY) its key.
    function slotOf(store, slot, key) {
        if (partitioning === BY_KEY) {
            slot = store.keyIndex[key];
            return slot === undefined ? -1 : slot;
        }
        return slot;
    }

    // ---- Transforms, checks, upcasters ----------------------------------------------------------

    function applyTransforms(state) {
        for (var i = 0; i < transforms.length; i++) {
            var t = transforms[i];
            if (t.filter) {
                if (!t.fn(state))
                    return null;
            } else {
                state = t.fn(state);
            }
            if (state === null || state === undefined)
                return null;
        }
        return state;
    }

    // The state a check sees after the store's last event: the partition it changed, else the whole.
    function checkedState(store) {
        if (partitioning !== NONE)
            return store.lastSlot >= 0 ? store.states[store.lastSlot] : null;
        var state = store.global !== null ? store.global.s : null;
        return biState ? [state, store.shared !== null ? store.shared.s : null] : state;
    }

    function evaluateCheck(check, e, state) {
        runtime.context = (check.invariant ? "invariant '" : "breakpoint '") + check.name + "'";
        var result = check.invariant ? check.fn(state, e) : check.readsState ? check.fn(e, state) : check.fn(e);
        runtime.context = "";
        return check.invariant ? !result : !!result;
    }

    function upcastEvent(batch) {
        var original = new Envelope(batch, 0);
        var e = plain(original);
        var type = e.eventType, version = e.schemaVersion, steps = 0;
        for (;;) {
            var byVersion = upcasters[type];
            var fn = byVersion !== undefined ? byVersion[version] : undefined;
            if (fn === undefined)
                break;
            runtime.context = "upcast('" + type + "', " + version + ")";
            var r = fn(e);
            if (r === null || typeof r !== "object")
                throw new TypeError("the upcaster must return the upcasted event object, not " + String(r));
            var nextType = r.eventType !== undefined ? r.eventType : type;
            if (typeof nextType !== "string" || nextType === "")
                throw new TypeError("the upcasted event's eventType must be a non-empty string");
            // {...e, data} copies the version it came with: that, like none, means "the next one".
            var nextVersion = r.schemaVersion === undefined || r.schemaVersion === version ? version + 1 : r.schemaVersion;
            if (typeof nextVersion !== "number" || !(nextVersion > version))
                throw new RangeError("the upcasted event's schemaVersion must be above " + version + ", not " + String(nextVersion));
            var data = r.data;
            if (r.body !== undefined && r.body !== e.body && data === e.data)
                data = r.body; // the upcaster set body rather than data
            var next = plain(original);
            next.eventType = nextType;
            next.schemaVersion = nextVersion;
            next.body = next.data = data;
            next.metadata = r.metadata !== undefined ? r.metadata : e.metadata;
            e = next;
            type = nextType;
            version = nextVersion;
            if (++steps > 1000)
                throw new RangeError("the upcasters of '" + type + "' do not end after 1000 steps");
        }
        runtime.context = "";
        var dataText = JSON.stringify(e.data);
        var metadataChanged = e.metadata !== original.metadata;
        return [type, version, dataText === undefined ? "" : dataText,
                metadataChanged ? JSON.stringify(e.metadata === undefined ? null : e.metadata) : null];
    }

    // ---- What the host calls --------------------------------------------------------------------

    // Every entry point is called through this wrapper: an exception comes back as FAILED with the
    // thrown value in runtime.error, whatever was thrown (a thrown string included, which
    // QJSValue::call cannot tell from a result).
    var FAILED = {};
    function entry(fn) {
        return function () {
            try {
                return fn.apply(null, arguments);
            } catch (thrown) {
                runtime.error = thrown;
                return FAILED;
            }
        };
    }

    runtime = {
        failed: FAILED,
        error: undefined,
        context: "",

        // After the user's script ran: checks the definition and describes it, as JSON.
        finish: entry(function () {
            declared.endDefinition();
            if (def.selector !== null && !def.whenCalled)
                throw errorAt(def.selector + "() is not followed by .when({...}): the projection declares no handlers",
                              def.line);
            // A script that declares nothing is not wrong here: what it must declare depends on what it
            // is loaded as (ScriptProgram::createProjection() and the replay setup say).
            partitioning = def.partitioning === "stream" ? BY_STREAM : def.partitioning === "key" ? BY_KEY : NONE;
            events.partitionIsStream(partitioning === BY_STREAM);
            var types = Object.keys(def.handlers);
            handlerList = types.map(function (type) { return def.handlers[type]; });
            anyHandler = def.any;
            initFn = def.init;
            initSharedFn = def.initShared;
            biState = def.biState;
            partitionFn = def.partitionBy;
            transforms = def.transforms;
            if (def.matching !== null) {
                var filter = def.matching;
                matchFn = function (e) { return !!filter(e.streamId, e); };
            } else if (def.categories !== null) {
                var categories = def.categories;
                matchFn = function (e) { return categories[e.category] === true; };
            }
            return JSON.stringify({
                projection: def.selector !== null,
                selector: def.selector,
                source: def.sourceKind,
                streams: def.streams,
                category: def.category,
                partitioning: def.partitioning,
                biState: biState,
                any: anyHandler !== null,
                types: types, // the host sends a handler's index in this list with each event
                transforms: transforms.length,
                checks: checks.map(function (c) {
                    return { name: c.name, invariant: c.invariant, readsState: c.readsState };
                }),
                upcasters: upcasterList,
                compensations: compensationList
            });
        }),

        createStore: entry(function (host) {
            var store = new Store(host);
            initialise(store);
            return store;
        }),

        reset: entry(initialise),

        // After restore(): the states stay in the host until an event touches them.
        restore: entry(function (store, lookup) {
            resetStore(store);
            store.lookup = lookup;
        }),

        fold: entry(function (store, text, buffer, count) {
            var batch = new Batch(text, buffer);
            for (var i = 0; i < count; i++) {
                store.cursor = i;
                foldEvent(store, batch, i, null);
            }
            store.cursor = count;
            return count;
        }),

        // Step mode, when the host looks at the state after every event.
        begin: entry(function (store, text, buffer) {
            store.batch = new Batch(text, buffer);
            store.next = 0;
        }),
        step: entry(function (store) {
            var i = store.next++;
            store.cursor = i;
            return foldEvent(store, store.batch, i, null);
        }),
        end: entry(function (store) {
            store.batch = null;
        }),

        // What changed since the last export, or null:
        // [hasGlobal, global, hasShared, shared, [slot, key, ...] (BY_KEY's new keys), slot, state, ...].
        exportDirty: entry(function (store) {
            var list = store.dirtyList;
            var global = store.global !== null && store.global.dirty, shared = store.shared !== null && store.shared.dirty;
            if (list.length === 0 && !global && !shared && store.newKeys.length === 0)
                return null;
            var keys = [];
            for (var k = 0; k < store.newKeys.length; k++)
                keys.push(store.newKeys[k], store.keys[store.newKeys[k]]);
            var out = [global, global ? store.global.s : null, shared, shared ? store.shared.s : null, keys];
            for (var i = 0; i < list.length; i++) {
                if (store.dirty[list[i]] === true) // false: exported on its own since
                    out.push(list[i], store.states[list[i]]);
            }
            for (var j = 0; j < list.length; j++)
                store.dirty[list[j]] = false;
            store.dirtyList = [];
            store.newKeys = [];
            if (global)
                store.global.dirty = false;
            if (shared)
                store.shared.dirty = false;
            return out;
        }),

        // One partition, when it changed since the last export: [state], else null.
        exportOne: entry(function (store, slot, key) {
            slot = slotOf(store, slot, key);
            if (slot < 0 || store.dirty[slot] !== true)
                return null;
            store.dirty[slot] = false;
            return [store.states[slot]];
        }),

        // Folds one partition's events from its initial state in `store` (a scratch store):
        // [state], or null when none of them reached the partition.
        foldPartition: entry(function (store, only, text, buffer, count) {
            initialise(store);
            var batch = new Batch(text, buffer);
            for (var i = 0; i < count; i++) {
                store.cursor = i;
                foldEvent(store, batch, i, only);
            }
            store.cursor = count;
            if (partitioning === NONE)
                return [biState ? [store.global.s, store.shared.s] : store.global.s];
            var slot = slotOf(store, only, only);
            return slot >= 0 && store.has[slot] === true ? [store.states[slot]] : null;
        }),

        // transformBy/filterBy over a state, or over each partition of an object of partitions: [result].
        present: entry(function (state, perPartition) {
            var result;
            if (perPartition) {
                result = Object.create(null);
                Object.keys(state || {}).forEach(function (key) {
                    var presented = applyTransforms(state[key]);
                    if (presented !== null)
                        result[key] = presented;
                });
            } else {
                result = applyTransforms(state);
            }
            return [result];
        }),

        // A check after the store's last event, on the live state: 1 fires, 0 does not, -1 when the
        // store's last event is not the one at `position`.
        checkLive: entry(function (store, index, position) {
            var e = store.lastEvent;
            if (e === null || e.position !== position)
                return -1;
            var check = checks[index];
            return evaluateCheck(check, e, check.readsState ? checkedState(store) : undefined) ? 1 : 0;
        }),

        // A check on an event (a batch of one) and a state.
        check: entry(function (index, text, buffer, state) {
            var e = new Envelope(new Batch(text, buffer), 0);
            return evaluateCheck(checks[index], e, state) ? 1 : 0;
        }),

        upcast: entry(function (text, buffer) {
            return upcastEvent(new Batch(text, buffer));
        }),

        // The events a compensation rule drafts for an event (a batch of one) and its stream's state,
        // as JSON text: [{stream, type, data, metadata, reason}], checked here so that a mistake in a
        // rule is reported at the rule.
        compensate: entry(function (text, buffer, state) {
            var e = new Envelope(new Batch(text, buffer), 0);
            var fn = compensations[e.eventType];
            if (fn === undefined)
                return "[]";
            runtime.context = "compensate('" + e.eventType + "')";
            var result = fn(e, state);
            if (result === undefined || result === null)
                result = [];
            if (!Array.isArray(result))
                result = [result];
            var drafts = result.map(function (r, i) {
                var where = "compensate('" + e.eventType + "'): event " + i + " of the result";
                if (r === null || typeof r !== "object")
                    throw new TypeError(where + " must be an object {type, data}, not " + String(r));
                if (typeof r.type !== "string" || r.type === "")
                    throw new TypeError(where + " has no type (a non-empty string)");
                var data = r.data === undefined ? {} : r.data;
                if (data === null || typeof data !== "object" || Array.isArray(data))
                    throw new TypeError(where + ": data must be an object");
                var stream = r.stream === undefined ? e.streamId : r.stream;
                if (typeof stream !== "string" || stream === "")
                    throw new TypeError(where + ": stream must be a non-empty string");
                var metadata = r.metadata === undefined ? {} : r.metadata;
                if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata))
                    throw new TypeError(where + ": metadata must be an object");
                if (r.reason !== undefined && typeof r.reason !== "string")
                    throw new TypeError(where + ": reason must be a string");
                return { stream: stream, type: r.type, data: data, metadata: metadata,
                         reason: r.reason === undefined ? "" : r.reason };
            });
            runtime.context = "";
            return JSON.stringify(drafts);
        })
    };

    return runtime;
})
