/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $String = $util.global.String, $BigInt = $util.global.BigInt, $isFinite = $util.global.isFinite, $Array = $util.global.Array;

// Exported root namespace
const $root = $protobuf.roots["shiva"] || ($protobuf.roots["shiva"] = {});

export const shiva = $root.shiva = (() => {

    /**
     * Namespace shiva.
     * @exports shiva
     * @namespace
     */
    const shiva = {};

    shiva.tensorboard = (function() {

        /**
         * Namespace tensorboard.
         * @memberof shiva
         * @namespace
         */
        const tensorboard = {};

        tensorboard.Event = (function() {

            /**
             * Properties of an Event.
             * @typedef {Object} shiva.tensorboard.Event.$Properties
             * @property {number|null} [wallTime] Event wallTime
             * @property {number|null} [step] Event step
             * @property {string|null} [fileVersion] Event fileVersion
             * @property {shiva.tensorboard.Summary.$Properties|null} [summary] Event summary
             * @property {"fileVersion"|"summary"} [what] Event what
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Event.
             * @memberof shiva.tensorboard
             * @interface IEvent
             * @augments shiva.tensorboard.Event.$Properties
             * @deprecated Use shiva.tensorboard.Event.$Properties instead.
             */

            /**
             * Narrowed shape of an Event.
             * @typedef {{
             *   wallTime?: number|null;
             *   step?: number|null;
             *   fileVersion?: string|null;
             *   summary?: shiva.tensorboard.Summary.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ what?: undefined; fileVersion?: null; summary?: null }|{ what?: "fileVersion"; fileVersion: string; summary?: null }|{ what?: "summary"; fileVersion?: null; summary: shiva.tensorboard.Summary.$Shape })
             * )} shiva.tensorboard.Event.$Shape
             */

            /**
             * Constructs a new Event.
             * @memberof shiva.tensorboard
             * @classdesc Represents an Event.
             * @constructor
             * @param {shiva.tensorboard.Event.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Event = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Event wallTime.
             * @member {number} wallTime
             * @memberof shiva.tensorboard.Event
             * @instance
             */
            Event.prototype.wallTime = 0;

            /**
             * Event step.
             * @member {number} step
             * @memberof shiva.tensorboard.Event
             * @instance
             */
            Event.prototype.step = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Event fileVersion.
             * @member {string|null|undefined} fileVersion
             * @memberof shiva.tensorboard.Event
             * @instance
             */
            Event.prototype.fileVersion = null;

            /**
             * Event summary.
             * @member {shiva.tensorboard.Summary.$Properties|null|undefined} summary
             * @memberof shiva.tensorboard.Event
             * @instance
             */
            Event.prototype.summary = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Event what.
             * @member {"fileVersion"|"summary"|undefined} what
             * @memberof shiva.tensorboard.Event
             * @instance
             */
            $Object.defineProperty(Event.prototype, "what", {
                get: $util.oneOfGetter($oneOfFields = ["fileVersion", "summary"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Event instance using the specified properties.
             * @function create
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {shiva.tensorboard.Event.$Properties=} [properties] Properties to set
             * @returns {shiva.tensorboard.Event} Event instance
             * @type {{
             *   (properties: shiva.tensorboard.Event.$Shape): shiva.tensorboard.Event & shiva.tensorboard.Event.$Shape;
             *   (properties?: shiva.tensorboard.Event.$Properties): shiva.tensorboard.Event;
             * }}
             */
            Event.create = function(properties) {
                return new Event(properties);
            };

            /**
             * Encodes the specified Event message. Does not implicitly {@link shiva.tensorboard.Event.verify|verify} messages.
             * @function encode
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {shiva.tensorboard.Event.$Properties} message Event message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Event.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.wallTime != null && $Object.hasOwnProperty.call(message, "wallTime") && !$Object.is(message.wallTime, 0))
                    writer.uint32(/* id 1, wireType 1 =*/9).double(message.wallTime);
                if (message.step != null && $Object.hasOwnProperty.call(message, "step") && (typeof message.step === "object" ? message.step.low || message.step.high : message.step !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.step);
                if (message.fileVersion != null && $Object.hasOwnProperty.call(message, "fileVersion"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.fileVersion);
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary"))
                    $root.shiva.tensorboard.Summary.encode(message.summary, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Event message, length delimited. Does not implicitly {@link shiva.tensorboard.Event.verify|verify} messages.
             * @function encodeDelimited
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {shiva.tensorboard.Event.$Properties} message Event message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Event.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @function decode
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {shiva.tensorboard.Event & shiva.tensorboard.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Event.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.shiva.tensorboard.Event();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.wallTime = value;
                            else
                                delete message.wallTime;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.step = value;
                            else
                                delete message.step;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.fileVersion = reader.stringVerify();
                            message.what = "fileVersion";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.summary = $root.shiva.tensorboard.Summary.decode(reader, reader.size(), $undefined, _depth + 1, message.summary);
                            message.what = "summary";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Event message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {shiva.tensorboard.Event & shiva.tensorboard.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Event.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Event message.
             * @function verify
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Event.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.wallTime != null && $Object.hasOwnProperty.call(message, "wallTime"))
                    if (typeof message.wallTime !== "number")
                        return "wallTime: number expected";
                if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                    if (!$util.isInteger(message.step) && !(message.step && $util.isInteger(message.step.low) && $util.isInteger(message.step.high)))
                        return "step: integer|Long expected";
                if (message.fileVersion != null && $Object.hasOwnProperty.call(message, "fileVersion")) {
                    properties.what = 1;
                    if (!$util.isString(message.fileVersion))
                        return "fileVersion: string expected";
                }
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary")) {
                    if (properties.what === 1)
                        return "what: multiple values";
                    properties.what = 1;
                    {
                        let error = $root.shiva.tensorboard.Summary.verify(message.summary, _depth + 1);
                        if (error)
                            return "summary." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an Event message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {shiva.tensorboard.Event} Event
             */
            Event.fromObject = function (object, _depth) {
                if (object instanceof $root.shiva.tensorboard.Event)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".shiva.tensorboard.Event: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.shiva.tensorboard.Event();
                if (object.wallTime != null)
                    if (!$Object.is($Number(object.wallTime), 0))
                        message.wallTime = $Number(object.wallTime);
                if (object.step != null)
                    if (typeof object.step === "object" ? object.step.low || object.step.high : $Number(object.step) !== 0)
                        if ($util.Long)
                            message.step = $util.Long.fromValue(object.step, false);
                        else if (typeof object.step === "string")
                            message.step = $parseInt(object.step, 10);
                        else if (typeof object.step === "number")
                            message.step = object.step;
                        else if (typeof object.step === "object")
                            message.step = new $util.LongBits(object.step.low >>> 0, object.step.high >>> 0).toNumber();
                if (object.fileVersion != null)
                    message.fileVersion = $String(object.fileVersion);
                if (object.summary != null) {
                    if (!$util.isObject(object.summary))
                        throw $TypeError(".shiva.tensorboard.Event.summary: object expected");
                    message.summary = $root.shiva.tensorboard.Summary.fromObject(object.summary, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an Event message. Also converts values to other types if specified.
             * @function toObject
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {shiva.tensorboard.Event} message Event
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Event.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.wallTime = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.step = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.step = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.wallTime != null && $Object.hasOwnProperty.call(message, "wallTime"))
                    object.wallTime = options.json && !$isFinite(message.wallTime) ? $String(message.wallTime) : message.wallTime;
                if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.step = typeof message.step === "number" ? $BigInt(message.step) : $util.Long.fromBits(message.step.low >>> 0, message.step.high >>> 0, false).toBigInt();
                    else if (typeof message.step === "number")
                        object.step = options.longs === $String ? $String(message.step) : message.step;
                    else
                        object.step = options.longs === $String ? $util.Long.prototype.toString.call(message.step) : options.longs === $Number ? new $util.LongBits(message.step.low >>> 0, message.step.high >>> 0).toNumber() : message.step;
                if (message.fileVersion != null && $Object.hasOwnProperty.call(message, "fileVersion")) {
                    object.fileVersion = message.fileVersion;
                    if (options.oneofs)
                        object.what = "fileVersion";
                }
                if (message.summary != null && $Object.hasOwnProperty.call(message, "summary")) {
                    object.summary = $root.shiva.tensorboard.Summary.toObject(message.summary, options, _depth + 1);
                    if (options.oneofs)
                        object.what = "summary";
                }
                return object;
            };

            /**
             * Converts this Event to JSON.
             * @function toJSON
             * @memberof shiva.tensorboard.Event
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Event.prototype.toJSON = function() {
                return Event.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Event
             * @function getTypeUrl
             * @memberof shiva.tensorboard.Event
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Event.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/shiva.tensorboard.Event";
            };

            return Event;
        })();

        tensorboard.Summary = (function() {

            /**
             * Properties of a Summary.
             * @typedef {Object} shiva.tensorboard.Summary.$Properties
             * @property {Array.<shiva.tensorboard.Summary.Value.$Properties>|null} [value] Summary value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Summary.
             * @memberof shiva.tensorboard
             * @interface ISummary
             * @augments shiva.tensorboard.Summary.$Properties
             * @deprecated Use shiva.tensorboard.Summary.$Properties instead.
             */

            /**
             * Shape of a Summary.
             * @typedef {{
             *   value?: Array.<shiva.tensorboard.Summary.Value.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} shiva.tensorboard.Summary.$Shape
             */

            /**
             * Constructs a new Summary.
             * @memberof shiva.tensorboard
             * @classdesc Represents a Summary.
             * @constructor
             * @param {shiva.tensorboard.Summary.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Summary = function (properties) {
                this.value = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Summary value.
             * @member {Array.<shiva.tensorboard.Summary.Value.$Properties>} value
             * @memberof shiva.tensorboard.Summary
             * @instance
             */
            Summary.prototype.value = $util.emptyArray;

            /**
             * Creates a new Summary instance using the specified properties.
             * @function create
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {shiva.tensorboard.Summary.$Properties=} [properties] Properties to set
             * @returns {shiva.tensorboard.Summary} Summary instance
             * @type {{
             *   (properties: shiva.tensorboard.Summary.$Shape): shiva.tensorboard.Summary & shiva.tensorboard.Summary.$Shape;
             *   (properties?: shiva.tensorboard.Summary.$Properties): shiva.tensorboard.Summary;
             * }}
             */
            Summary.create = function(properties) {
                return new Summary(properties);
            };

            /**
             * Encodes the specified Summary message. Does not implicitly {@link shiva.tensorboard.Summary.verify|verify} messages.
             * @function encode
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {shiva.tensorboard.Summary.$Properties} message Summary message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Summary.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.value != null && message.value.length)
                    for (let i = 0; i < message.value.length; ++i)
                        $root.shiva.tensorboard.Summary.Value.encode(message.value[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Summary message, length delimited. Does not implicitly {@link shiva.tensorboard.Summary.verify|verify} messages.
             * @function encodeDelimited
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {shiva.tensorboard.Summary.$Properties} message Summary message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Summary.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Summary message from the specified reader or buffer.
             * @function decode
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {shiva.tensorboard.Summary & shiva.tensorboard.Summary.$Shape} Summary
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Summary.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.shiva.tensorboard.Summary();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.value && message.value.length))
                                message.value = [];
                            message.value.push($root.shiva.tensorboard.Summary.Value.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Summary message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {shiva.tensorboard.Summary & shiva.tensorboard.Summary.$Shape} Summary
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Summary.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Summary message.
             * @function verify
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Summary.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.value != null && $Object.hasOwnProperty.call(message, "value")) {
                    if (!$Array.isArray(message.value))
                        return "value: array expected";
                    for (let i = 0; i < message.value.length; ++i) {
                        let error = $root.shiva.tensorboard.Summary.Value.verify(message.value[i], _depth + 1);
                        if (error)
                            return "value." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a Summary message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {shiva.tensorboard.Summary} Summary
             */
            Summary.fromObject = function (object, _depth) {
                if (object instanceof $root.shiva.tensorboard.Summary)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".shiva.tensorboard.Summary: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.shiva.tensorboard.Summary();
                if (object.value) {
                    if (!$Array.isArray(object.value))
                        throw $TypeError(".shiva.tensorboard.Summary.value: array expected");
                    message.value = $Array(object.value.length);
                    for (let i = 0; i < object.value.length; ++i) {
                        if (!$util.isObject(object.value[i]))
                            throw $TypeError(".shiva.tensorboard.Summary.value: object expected");
                        message.value[i] = $root.shiva.tensorboard.Summary.Value.fromObject(object.value[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a Summary message. Also converts values to other types if specified.
             * @function toObject
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {shiva.tensorboard.Summary} message Summary
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Summary.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.value = [];
                if (message.value && message.value.length) {
                    object.value = $Array(message.value.length);
                    for (let j = 0; j < message.value.length; ++j)
                        object.value[j] = $root.shiva.tensorboard.Summary.Value.toObject(message.value[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this Summary to JSON.
             * @function toJSON
             * @memberof shiva.tensorboard.Summary
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Summary.prototype.toJSON = function() {
                return Summary.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Summary
             * @function getTypeUrl
             * @memberof shiva.tensorboard.Summary
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Summary.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/shiva.tensorboard.Summary";
            };

            Summary.Value = (function() {

                /**
                 * Properties of a Value.
                 * @typedef {Object} shiva.tensorboard.Summary.Value.$Properties
                 * @property {string|null} [tag] Value tag
                 * @property {number|null} [simpleValue] Value simpleValue
                 * @property {"simpleValue"} [value] Value value
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Value.
                 * @memberof shiva.tensorboard.Summary
                 * @interface IValue
                 * @augments shiva.tensorboard.Summary.Value.$Properties
                 * @deprecated Use shiva.tensorboard.Summary.Value.$Properties instead.
                 */

                /**
                 * Narrowed shape of a Value.
                 * @typedef {{
                 *   tag?: string|null;
                 *   simpleValue?: number|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ value?: undefined; simpleValue?: null }|{ value?: "simpleValue"; simpleValue: number })
                 * )} shiva.tensorboard.Summary.Value.$Shape
                 */

                /**
                 * Constructs a new Value.
                 * @memberof shiva.tensorboard.Summary
                 * @classdesc Represents a Value.
                 * @constructor
                 * @param {shiva.tensorboard.Summary.Value.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Value = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Value tag.
                 * @member {string} tag
                 * @memberof shiva.tensorboard.Summary.Value
                 * @instance
                 */
                Value.prototype.tag = "";

                /**
                 * Value simpleValue.
                 * @member {number|null|undefined} simpleValue
                 * @memberof shiva.tensorboard.Summary.Value
                 * @instance
                 */
                Value.prototype.simpleValue = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * Value value.
                 * @member {"simpleValue"|undefined} value
                 * @memberof shiva.tensorboard.Summary.Value
                 * @instance
                 */
                $Object.defineProperty(Value.prototype, "value", {
                    get: $util.oneOfGetter($oneOfFields = ["simpleValue"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new Value instance using the specified properties.
                 * @function create
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {shiva.tensorboard.Summary.Value.$Properties=} [properties] Properties to set
                 * @returns {shiva.tensorboard.Summary.Value} Value instance
                 * @type {{
                 *   (properties: shiva.tensorboard.Summary.Value.$Shape): shiva.tensorboard.Summary.Value & shiva.tensorboard.Summary.Value.$Shape;
                 *   (properties?: shiva.tensorboard.Summary.Value.$Properties): shiva.tensorboard.Summary.Value;
                 * }}
                 */
                Value.create = function(properties) {
                    return new Value(properties);
                };

                /**
                 * Encodes the specified Value message. Does not implicitly {@link shiva.tensorboard.Summary.Value.verify|verify} messages.
                 * @function encode
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {shiva.tensorboard.Summary.Value.$Properties} message Value message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Value.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.tag != null && $Object.hasOwnProperty.call(message, "tag") && message.tag !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.tag);
                    if (message.simpleValue != null && $Object.hasOwnProperty.call(message, "simpleValue"))
                        writer.uint32(/* id 2, wireType 5 =*/21).float(message.simpleValue);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Encodes the specified Value message, length delimited. Does not implicitly {@link shiva.tensorboard.Summary.Value.verify|verify} messages.
                 * @function encodeDelimited
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {shiva.tensorboard.Summary.Value.$Properties} message Value message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Value.encodeDelimited = function(message, writer) {
                    return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
                };

                /**
                 * Decodes a Value message from the specified reader or buffer.
                 * @function decode
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {shiva.tensorboard.Summary.Value & shiva.tensorboard.Summary.Value.$Shape} Value
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Value.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.shiva.tensorboard.Summary.Value();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.tag = value;
                                else
                                    delete message.tag;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 5)
                                    break;
                                message.simpleValue = reader.float();
                                message.value = "simpleValue";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Decodes a Value message from the specified reader or buffer, length delimited.
                 * @function decodeDelimited
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @returns {shiva.tensorboard.Summary.Value & shiva.tensorboard.Summary.Value.$Shape} Value
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Value.decodeDelimited = function(reader) {
                    if (!(reader instanceof $Reader))
                        reader = new $Reader(reader);
                    return this.decode(reader, reader.size());
                };

                /**
                 * Verifies a Value message.
                 * @function verify
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {Object.<string,*>} message Plain object to verify
                 * @returns {string|null} `null` if valid, otherwise the reason why it is not
                 */
                Value.verify = function (message, _depth) {
                    if (typeof message !== "object" || message === null)
                        return "object expected";
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        return "max depth exceeded";
                    let properties = {};
                    if (message.tag != null && $Object.hasOwnProperty.call(message, "tag"))
                        if (!$util.isString(message.tag))
                            return "tag: string expected";
                    if (message.simpleValue != null && $Object.hasOwnProperty.call(message, "simpleValue")) {
                        properties.value = 1;
                        if (typeof message.simpleValue !== "number")
                            return "simpleValue: number expected";
                    }
                    return null;
                };

                /**
                 * Creates a Value message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {shiva.tensorboard.Summary.Value} Value
                 */
                Value.fromObject = function (object, _depth) {
                    if (object instanceof $root.shiva.tensorboard.Summary.Value)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".shiva.tensorboard.Summary.Value: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.shiva.tensorboard.Summary.Value();
                    if (object.tag != null)
                        if (typeof object.tag !== "string" || object.tag.length)
                            message.tag = $String(object.tag);
                    if (object.simpleValue != null)
                        message.simpleValue = $Number(object.simpleValue);
                    return message;
                };

                /**
                 * Creates a plain object from a Value message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {shiva.tensorboard.Summary.Value} message Value
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Value.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.tag = "";
                    if (message.tag != null && $Object.hasOwnProperty.call(message, "tag"))
                        object.tag = message.tag;
                    if (message.simpleValue != null && $Object.hasOwnProperty.call(message, "simpleValue")) {
                        object.simpleValue = options.json && !$isFinite(message.simpleValue) ? $String(message.simpleValue) : message.simpleValue;
                        if (options.oneofs)
                            object.value = "simpleValue";
                    }
                    return object;
                };

                /**
                 * Converts this Value to JSON.
                 * @function toJSON
                 * @memberof shiva.tensorboard.Summary.Value
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Value.prototype.toJSON = function() {
                    return Value.toObject(this, $protobuf.util.toJSONOptions);
                };

                /**
                 * Gets the type url for Value
                 * @function getTypeUrl
                 * @memberof shiva.tensorboard.Summary.Value
                 * @static
                 * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
                 * @returns {string} The type url
                 */
                Value.getTypeUrl = function(prefix) {
                    if (prefix === $undefined)
                        prefix = "type.googleapis.com";
                    return prefix + "/shiva.tensorboard.Summary.Value";
                };

                return Value;
            })();

            return Summary;
        })();

        return tensorboard;
    })();

    return shiva;
})();

export {
  $root as default
};
