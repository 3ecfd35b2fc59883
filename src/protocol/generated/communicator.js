/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $Array = $util.global.Array, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $isFinite = $util.global.isFinite, $String = $util.global.String, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const communicator_objects = $root.communicator_objects = (() => {

    /**
     * Namespace communicator_objects.
     * @exports communicator_objects
     * @namespace
     */
    const communicator_objects = {};

    communicator_objects.AgentActionProto = (function() {

        /**
         * Properties of an AgentActionProto.
         * @typedef {Object} communicator_objects.AgentActionProto.$Properties
         * @property {Array.<number>|null} [vectorActionsDeprecated] AgentActionProto vectorActionsDeprecated
         * @property {number|null} [value] AgentActionProto value
         * @property {Array.<number>|null} [continuousActions] AgentActionProto continuousActions
         * @property {Array.<number>|null} [discreteActions] AgentActionProto discreteActions
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an AgentActionProto.
         * @memberof communicator_objects
         * @interface IAgentActionProto
         * @augments communicator_objects.AgentActionProto.$Properties
         * @deprecated Use communicator_objects.AgentActionProto.$Properties instead.
         */

        /**
         * Shape of an AgentActionProto.
         * @typedef {communicator_objects.AgentActionProto.$Properties} communicator_objects.AgentActionProto.$Shape
         */

        /**
         * Constructs a new AgentActionProto.
         * @memberof communicator_objects
         * @classdesc Represents an AgentActionProto.
         * @constructor
         * @param {communicator_objects.AgentActionProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const AgentActionProto = function (properties) {
            this.vectorActionsDeprecated = [];
            this.continuousActions = [];
            this.discreteActions = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * AgentActionProto vectorActionsDeprecated.
         * @member {Array.<number>} vectorActionsDeprecated
         * @memberof communicator_objects.AgentActionProto
         * @instance
         */
        AgentActionProto.prototype.vectorActionsDeprecated = $util.emptyArray;

        /**
         * AgentActionProto value.
         * @member {number} value
         * @memberof communicator_objects.AgentActionProto
         * @instance
         */
        AgentActionProto.prototype.value = 0;

        /**
         * AgentActionProto continuousActions.
         * @member {Array.<number>} continuousActions
         * @memberof communicator_objects.AgentActionProto
         * @instance
         */
        AgentActionProto.prototype.continuousActions = $util.emptyArray;

        /**
         * AgentActionProto discreteActions.
         * @member {Array.<number>} discreteActions
         * @memberof communicator_objects.AgentActionProto
         * @instance
         */
        AgentActionProto.prototype.discreteActions = $util.emptyArray;

        /**
         * Creates a new AgentActionProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {communicator_objects.AgentActionProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.AgentActionProto} AgentActionProto instance
         * @type {{
         *   (properties: communicator_objects.AgentActionProto.$Shape): communicator_objects.AgentActionProto & communicator_objects.AgentActionProto.$Shape;
         *   (properties?: communicator_objects.AgentActionProto.$Properties): communicator_objects.AgentActionProto;
         * }}
         */
        AgentActionProto.create = function(properties) {
            return new AgentActionProto(properties);
        };

        /**
         * Encodes the specified AgentActionProto message. Does not implicitly {@link communicator_objects.AgentActionProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {communicator_objects.AgentActionProto.$Properties} message AgentActionProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AgentActionProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.vectorActionsDeprecated != null && message.vectorActionsDeprecated.length)
                writer.uint32(/* id 1, wireType 2 =*/10).floats(message.vectorActionsDeprecated);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && !$Object.is(message.value, 0))
                writer.uint32(/* id 4, wireType 5 =*/37).float(message.value);
            if (message.continuousActions != null && message.continuousActions.length)
                writer.uint32(/* id 6, wireType 2 =*/50).floats(message.continuousActions);
            if (message.discreteActions != null && message.discreteActions.length)
                writer.uint32(/* id 7, wireType 2 =*/58).int32s(message.discreteActions);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified AgentActionProto message, length delimited. Does not implicitly {@link communicator_objects.AgentActionProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {communicator_objects.AgentActionProto.$Properties} message AgentActionProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AgentActionProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes an AgentActionProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.AgentActionProto & communicator_objects.AgentActionProto.$Shape} AgentActionProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AgentActionProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.AgentActionProto();
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
                        if (wireType === 2) {
                            if (!(message.vectorActionsDeprecated && message.vectorActionsDeprecated.length))
                                message.vectorActionsDeprecated = [];
                            reader.floats(message.vectorActionsDeprecated);
                            continue;
                        }
                        if (wireType !== 5)
                            break;
                        if (!(message.vectorActionsDeprecated && message.vectorActionsDeprecated.length))
                            message.vectorActionsDeprecated = [];
                        message.vectorActionsDeprecated.push(reader.float());
                        continue;
                    }
                case 4: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                case 6: {
                        if (wireType === 2) {
                            if (!(message.continuousActions && message.continuousActions.length))
                                message.continuousActions = [];
                            reader.floats(message.continuousActions);
                            continue;
                        }
                        if (wireType !== 5)
                            break;
                        if (!(message.continuousActions && message.continuousActions.length))
                            message.continuousActions = [];
                        message.continuousActions.push(reader.float());
                        continue;
                    }
                case 7: {
                        if (wireType === 2) {
                            if (!(message.discreteActions && message.discreteActions.length))
                                message.discreteActions = [];
                            reader.int32s(message.discreteActions);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.discreteActions && message.discreteActions.length))
                            message.discreteActions = [];
                        message.discreteActions.push(reader.int32());
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
         * Decodes an AgentActionProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.AgentActionProto & communicator_objects.AgentActionProto.$Shape} AgentActionProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AgentActionProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies an AgentActionProto message.
         * @function verify
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        AgentActionProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.vectorActionsDeprecated != null && $Object.hasOwnProperty.call(message, "vectorActionsDeprecated")) {
                if (!$Array.isArray(message.vectorActionsDeprecated))
                    return "vectorActionsDeprecated: array expected";
                for (let i = 0; i < message.vectorActionsDeprecated.length; ++i)
                    if (typeof message.vectorActionsDeprecated[i] !== "number")
                        return "vectorActionsDeprecated: number[] expected";
            }
            if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                if (typeof message.value !== "number")
                    return "value: number expected";
            if (message.continuousActions != null && $Object.hasOwnProperty.call(message, "continuousActions")) {
                if (!$Array.isArray(message.continuousActions))
                    return "continuousActions: array expected";
                for (let i = 0; i < message.continuousActions.length; ++i)
                    if (typeof message.continuousActions[i] !== "number")
                        return "continuousActions: number[] expected";
            }
            if (message.discreteActions != null && $Object.hasOwnProperty.call(message, "discreteActions")) {
                if (!$Array.isArray(message.discreteActions))
                    return "discreteActions: array expected";
                for (let i = 0; i < message.discreteActions.length; ++i)
                    if (!$util.isInteger(message.discreteActions[i]))
                        return "discreteActions: integer[] expected";
            }
            return null;
        };

        /**
         * Creates an AgentActionProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.AgentActionProto} AgentActionProto
         */
        AgentActionProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.AgentActionProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.AgentActionProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.AgentActionProto();
            if (object.vectorActionsDeprecated) {
                if (!$Array.isArray(object.vectorActionsDeprecated))
                    throw $TypeError(".communicator_objects.AgentActionProto.vectorActionsDeprecated: array expected");
                message.vectorActionsDeprecated = $Array(object.vectorActionsDeprecated.length);
                for (let i = 0; i < object.vectorActionsDeprecated.length; ++i)
                    message.vectorActionsDeprecated[i] = $Number(object.vectorActionsDeprecated[i]);
            }
            if (object.value != null)
                if (!$Object.is($Number(object.value), 0))
                    message.value = $Number(object.value);
            if (object.continuousActions) {
                if (!$Array.isArray(object.continuousActions))
                    throw $TypeError(".communicator_objects.AgentActionProto.continuousActions: array expected");
                message.continuousActions = $Array(object.continuousActions.length);
                for (let i = 0; i < object.continuousActions.length; ++i)
                    message.continuousActions[i] = $Number(object.continuousActions[i]);
            }
            if (object.discreteActions) {
                if (!$Array.isArray(object.discreteActions))
                    throw $TypeError(".communicator_objects.AgentActionProto.discreteActions: array expected");
                message.discreteActions = $Array(object.discreteActions.length);
                for (let i = 0; i < object.discreteActions.length; ++i)
                    message.discreteActions[i] = object.discreteActions[i] | 0;
            }
            return message;
        };

        /**
         * Creates a plain object from an AgentActionProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {communicator_objects.AgentActionProto} message AgentActionProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        AgentActionProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.vectorActionsDeprecated = [];
                object.continuousActions = [];
                object.discreteActions = [];
            }
            if (options.defaults)
                object.value = 0;
            if (message.vectorActionsDeprecated && message.vectorActionsDeprecated.length) {
                object.vectorActionsDeprecated = $Array(message.vectorActionsDeprecated.length);
                for (let j = 0; j < message.vectorActionsDeprecated.length; ++j)
                    object.vectorActionsDeprecated[j] = options.json && !$isFinite(message.vectorActionsDeprecated[j]) ? $String(message.vectorActionsDeprecated[j]) : message.vectorActionsDeprecated[j];
            }
            if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                object.value = options.json && !$isFinite(message.value) ? $String(message.value) : message.value;
            if (message.continuousActions && message.continuousActions.length) {
                object.continuousActions = $Array(message.continuousActions.length);
                for (let j = 0; j < message.continuousActions.length; ++j)
                    object.continuousActions[j] = options.json && !$isFinite(message.continuousActions[j]) ? $String(message.continuousActions[j]) : message.continuousActions[j];
            }
            if (message.discreteActions && message.discreteActions.length) {
                object.discreteActions = $Array(message.discreteActions.length);
                for (let j = 0; j < message.discreteActions.length; ++j)
                    object.discreteActions[j] = message.discreteActions[j];
            }
            return object;
        };

        /**
         * Converts this AgentActionProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.AgentActionProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        AgentActionProto.prototype.toJSON = function() {
            return AgentActionProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for AgentActionProto
         * @function getTypeUrl
         * @memberof communicator_objects.AgentActionProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        AgentActionProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.AgentActionProto";
        };

        return AgentActionProto;
    })();

    communicator_objects.AgentInfoProto = (function() {

        /**
         * Properties of an AgentInfoProto.
         * @typedef {Object} communicator_objects.AgentInfoProto.$Properties
         * @property {number|null} [reward] AgentInfoProto reward
         * @property {boolean|null} [done] AgentInfoProto done
         * @property {boolean|null} [maxStepReached] AgentInfoProto maxStepReached
         * @property {number|null} [id] AgentInfoProto id
         * @property {Array.<boolean>|null} [actionMask] AgentInfoProto actionMask
         * @property {Array.<communicator_objects.ObservationProto.$Properties>|null} [observations] AgentInfoProto observations
         * @property {number|null} [groupId] AgentInfoProto groupId
         * @property {number|null} [groupReward] AgentInfoProto groupReward
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an AgentInfoProto.
         * @memberof communicator_objects
         * @interface IAgentInfoProto
         * @augments communicator_objects.AgentInfoProto.$Properties
         * @deprecated Use communicator_objects.AgentInfoProto.$Properties instead.
         */

        /**
         * Shape of an AgentInfoProto.
         * @typedef {{
         *   reward?: number|null;
         *   done?: boolean|null;
         *   maxStepReached?: boolean|null;
         *   id?: number|null;
         *   actionMask?: Array.<boolean>|null;
         *   observations?: Array.<communicator_objects.ObservationProto.$Shape>|null;
         *   groupId?: number|null;
         *   groupReward?: number|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} communicator_objects.AgentInfoProto.$Shape
         */

        /**
         * Constructs a new AgentInfoProto.
         * @memberof communicator_objects
         * @classdesc Represents an AgentInfoProto.
         * @constructor
         * @param {communicator_objects.AgentInfoProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const AgentInfoProto = function (properties) {
            this.actionMask = [];
            this.observations = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * AgentInfoProto reward.
         * @member {number} reward
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.reward = 0;

        /**
         * AgentInfoProto done.
         * @member {boolean} done
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.done = false;

        /**
         * AgentInfoProto maxStepReached.
         * @member {boolean} maxStepReached
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.maxStepReached = false;

        /**
         * AgentInfoProto id.
         * @member {number} id
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.id = 0;

        /**
         * AgentInfoProto actionMask.
         * @member {Array.<boolean>} actionMask
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.actionMask = $util.emptyArray;

        /**
         * AgentInfoProto observations.
         * @member {Array.<communicator_objects.ObservationProto.$Properties>} observations
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.observations = $util.emptyArray;

        /**
         * AgentInfoProto groupId.
         * @member {number} groupId
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.groupId = 0;

        /**
         * AgentInfoProto groupReward.
         * @member {number} groupReward
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         */
        AgentInfoProto.prototype.groupReward = 0;

        /**
         * Creates a new AgentInfoProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {communicator_objects.AgentInfoProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.AgentInfoProto} AgentInfoProto instance
         * @type {{
         *   (properties: communicator_objects.AgentInfoProto.$Shape): communicator_objects.AgentInfoProto & communicator_objects.AgentInfoProto.$Shape;
         *   (properties?: communicator_objects.AgentInfoProto.$Properties): communicator_objects.AgentInfoProto;
         * }}
         */
        AgentInfoProto.create = function(properties) {
            return new AgentInfoProto(properties);
        };

        /**
         * Encodes the specified AgentInfoProto message. Does not implicitly {@link communicator_objects.AgentInfoProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {communicator_objects.AgentInfoProto.$Properties} message AgentInfoProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AgentInfoProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.reward != null && $Object.hasOwnProperty.call(message, "reward") && !$Object.is(message.reward, 0))
                writer.uint32(/* id 7, wireType 5 =*/61).float(message.reward);
            if (message.done != null && $Object.hasOwnProperty.call(message, "done") && message.done !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.done);
            if (message.maxStepReached != null && $Object.hasOwnProperty.call(message, "maxStepReached") && message.maxStepReached !== false)
                writer.uint32(/* id 9, wireType 0 =*/72).bool(message.maxStepReached);
            if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                writer.uint32(/* id 10, wireType 0 =*/80).int32(message.id);
            if (message.actionMask != null && message.actionMask.length)
                writer.uint32(/* id 11, wireType 2 =*/90).bools(message.actionMask);
            if (message.observations != null && message.observations.length)
                for (let i = 0; i < message.observations.length; ++i)
                    $root.communicator_objects.ObservationProto.encode(message.observations[i], writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
            if (message.groupId != null && $Object.hasOwnProperty.call(message, "groupId") && message.groupId !== 0)
                writer.uint32(/* id 14, wireType 0 =*/112).int32(message.groupId);
            if (message.groupReward != null && $Object.hasOwnProperty.call(message, "groupReward") && !$Object.is(message.groupReward, 0))
                writer.uint32(/* id 15, wireType 5 =*/125).float(message.groupReward);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified AgentInfoProto message, length delimited. Does not implicitly {@link communicator_objects.AgentInfoProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {communicator_objects.AgentInfoProto.$Properties} message AgentInfoProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AgentInfoProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes an AgentInfoProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.AgentInfoProto & communicator_objects.AgentInfoProto.$Shape} AgentInfoProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AgentInfoProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.AgentInfoProto();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 7: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.reward = value;
                        else
                            delete message.reward;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.done = value;
                        else
                            delete message.done;
                        continue;
                    }
                case 9: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.maxStepReached = value;
                        else
                            delete message.maxStepReached;
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.id = value;
                        else
                            delete message.id;
                        continue;
                    }
                case 11: {
                        if (wireType === 2) {
                            if (!(message.actionMask && message.actionMask.length))
                                message.actionMask = [];
                            reader.bools(message.actionMask);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.actionMask && message.actionMask.length))
                            message.actionMask = [];
                        message.actionMask.push(reader.bool());
                        continue;
                    }
                case 13: {
                        if (wireType !== 2)
                            break;
                        if (!(message.observations && message.observations.length))
                            message.observations = [];
                        message.observations.push($root.communicator_objects.ObservationProto.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 14: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.groupId = value;
                        else
                            delete message.groupId;
                        continue;
                    }
                case 15: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.groupReward = value;
                        else
                            delete message.groupReward;
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
         * Decodes an AgentInfoProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.AgentInfoProto & communicator_objects.AgentInfoProto.$Shape} AgentInfoProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AgentInfoProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies an AgentInfoProto message.
         * @function verify
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        AgentInfoProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.reward != null && $Object.hasOwnProperty.call(message, "reward"))
                if (typeof message.reward !== "number")
                    return "reward: number expected";
            if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                if (typeof message.done !== "boolean")
                    return "done: boolean expected";
            if (message.maxStepReached != null && $Object.hasOwnProperty.call(message, "maxStepReached"))
                if (typeof message.maxStepReached !== "boolean")
                    return "maxStepReached: boolean expected";
            if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                if (!$util.isInteger(message.id))
                    return "id: integer expected";
            if (message.actionMask != null && $Object.hasOwnProperty.call(message, "actionMask")) {
                if (!$Array.isArray(message.actionMask))
                    return "actionMask: array expected";
                for (let i = 0; i < message.actionMask.length; ++i)
                    if (typeof message.actionMask[i] !== "boolean")
                        return "actionMask: boolean[] expected";
            }
            if (message.observations != null && $Object.hasOwnProperty.call(message, "observations")) {
                if (!$Array.isArray(message.observations))
                    return "observations: array expected";
                for (let i = 0; i < message.observations.length; ++i) {
                    let error = $root.communicator_objects.ObservationProto.verify(message.observations[i], _depth + 1);
                    if (error)
                        return "observations." + error;
                }
            }
            if (message.groupId != null && $Object.hasOwnProperty.call(message, "groupId"))
                if (!$util.isInteger(message.groupId))
                    return "groupId: integer expected";
            if (message.groupReward != null && $Object.hasOwnProperty.call(message, "groupReward"))
                if (typeof message.groupReward !== "number")
                    return "groupReward: number expected";
            return null;
        };

        /**
         * Creates an AgentInfoProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.AgentInfoProto} AgentInfoProto
         */
        AgentInfoProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.AgentInfoProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.AgentInfoProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.AgentInfoProto();
            if (object.reward != null)
                if (!$Object.is($Number(object.reward), 0))
                    message.reward = $Number(object.reward);
            if (object.done != null)
                if (object.done)
                    message.done = $Boolean(object.done);
            if (object.maxStepReached != null)
                if (object.maxStepReached)
                    message.maxStepReached = $Boolean(object.maxStepReached);
            if (object.id != null)
                if ($Number(object.id) !== 0)
                    message.id = object.id | 0;
            if (object.actionMask) {
                if (!$Array.isArray(object.actionMask))
                    throw $TypeError(".communicator_objects.AgentInfoProto.actionMask: array expected");
                message.actionMask = $Array(object.actionMask.length);
                for (let i = 0; i < object.actionMask.length; ++i)
                    message.actionMask[i] = $Boolean(object.actionMask[i]);
            }
            if (object.observations) {
                if (!$Array.isArray(object.observations))
                    throw $TypeError(".communicator_objects.AgentInfoProto.observations: array expected");
                message.observations = $Array(object.observations.length);
                for (let i = 0; i < object.observations.length; ++i) {
                    if (!$util.isObject(object.observations[i]))
                        throw $TypeError(".communicator_objects.AgentInfoProto.observations: object expected");
                    message.observations[i] = $root.communicator_objects.ObservationProto.fromObject(object.observations[i], _depth + 1);
                }
            }
            if (object.groupId != null)
                if ($Number(object.groupId) !== 0)
                    message.groupId = object.groupId | 0;
            if (object.groupReward != null)
                if (!$Object.is($Number(object.groupReward), 0))
                    message.groupReward = $Number(object.groupReward);
            return message;
        };

        /**
         * Creates a plain object from an AgentInfoProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {communicator_objects.AgentInfoProto} message AgentInfoProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        AgentInfoProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.actionMask = [];
                object.observations = [];
            }
            if (options.defaults) {
                object.reward = 0;
                object.done = false;
                object.maxStepReached = false;
                object.id = 0;
                object.groupId = 0;
                object.groupReward = 0;
            }
            if (message.reward != null && $Object.hasOwnProperty.call(message, "reward"))
                object.reward = options.json && !$isFinite(message.reward) ? $String(message.reward) : message.reward;
            if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                object.done = message.done;
            if (message.maxStepReached != null && $Object.hasOwnProperty.call(message, "maxStepReached"))
                object.maxStepReached = message.maxStepReached;
            if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                object.id = message.id;
            if (message.actionMask && message.actionMask.length) {
                object.actionMask = $Array(message.actionMask.length);
                for (let j = 0; j < message.actionMask.length; ++j)
                    object.actionMask[j] = message.actionMask[j];
            }
            if (message.observations && message.observations.length) {
                object.observations = $Array(message.observations.length);
                for (let j = 0; j < message.observations.length; ++j)
                    object.observations[j] = $root.communicator_objects.ObservationProto.toObject(message.observations[j], options, _depth + 1);
            }
            if (message.groupId != null && $Object.hasOwnProperty.call(message, "groupId"))
                object.groupId = message.groupId;
            if (message.groupReward != null && $Object.hasOwnProperty.call(message, "groupReward"))
                object.groupReward = options.json && !$isFinite(message.groupReward) ? $String(message.groupReward) : message.groupReward;
            return object;
        };

        /**
         * Converts this AgentInfoProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.AgentInfoProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        AgentInfoProto.prototype.toJSON = function() {
            return AgentInfoProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for AgentInfoProto
         * @function getTypeUrl
         * @memberof communicator_objects.AgentInfoProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        AgentInfoProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.AgentInfoProto";
        };

        return AgentInfoProto;
    })();

    /**
     * CompressionTypeProto enum.
     * @name communicator_objects.CompressionTypeProto
     * @enum {number}
     * @property {number} NONE=0 NONE value
     * @property {number} PNG=1 PNG value
     */
    communicator_objects.CompressionTypeProto = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "NONE"] = 0;
        values[valuesById[1] = "PNG"] = 1;
        return values;
    })();

    /**
     * ObservationTypeProto enum.
     * @name communicator_objects.ObservationTypeProto
     * @enum {number}
     * @property {number} DEFAULT=0 DEFAULT value
     * @property {number} GOAL_SIGNAL=1 GOAL_SIGNAL value
     */
    communicator_objects.ObservationTypeProto = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "DEFAULT"] = 0;
        values[valuesById[1] = "GOAL_SIGNAL"] = 1;
        return values;
    })();

    communicator_objects.ObservationProto = (function() {

        /**
         * Properties of an ObservationProto.
         * @typedef {Object} communicator_objects.ObservationProto.$Properties
         * @property {Array.<number>|null} [shape] ObservationProto shape
         * @property {communicator_objects.CompressionTypeProto|null} [compressionType] ObservationProto compressionType
         * @property {Uint8Array|null} [compressedData] ObservationProto compressedData
         * @property {communicator_objects.ObservationProto.FloatData.$Properties|null} [floatData] ObservationProto floatData
         * @property {Array.<number>|null} [compressedChannelMapping] ObservationProto compressedChannelMapping
         * @property {Array.<number>|null} [dimensionProperties] ObservationProto dimensionProperties
         * @property {communicator_objects.ObservationTypeProto|null} [observationType] ObservationProto observationType
         * @property {string|null} [name] ObservationProto name
         * @property {"compressedData"|"floatData"} [observationData] ObservationProto observationData
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an ObservationProto.
         * @memberof communicator_objects
         * @interface IObservationProto
         * @augments communicator_objects.ObservationProto.$Properties
         * @deprecated Use communicator_objects.ObservationProto.$Properties instead.
         */

        /**
         * Narrowed shape of an ObservationProto.
         * @typedef {{
         *   shape?: Array.<number>|null;
         *   compressionType?: communicator_objects.CompressionTypeProto|null;
         *   compressedData?: Uint8Array|null;
         *   floatData?: communicator_objects.ObservationProto.FloatData.$Shape|null;
         *   compressedChannelMapping?: Array.<number>|null;
         *   dimensionProperties?: Array.<number>|null;
         *   observationType?: communicator_objects.ObservationTypeProto|null;
         *   name?: string|null;
         *   $unknowns?: Array.<Uint8Array>;
         * } & (
         *   ({ observationData?: undefined; compressedData?: null; floatData?: null }|{ observationData?: "compressedData"; compressedData: Uint8Array; floatData?: null }|{ observationData?: "floatData"; compressedData?: null; floatData: communicator_objects.ObservationProto.FloatData.$Shape })
         * )} communicator_objects.ObservationProto.$Shape
         */

        /**
         * Constructs a new ObservationProto.
         * @memberof communicator_objects
         * @classdesc Represents an ObservationProto.
         * @constructor
         * @param {communicator_objects.ObservationProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ObservationProto = function (properties) {
            this.shape = [];
            this.compressedChannelMapping = [];
            this.dimensionProperties = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ObservationProto shape.
         * @member {Array.<number>} shape
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.shape = $util.emptyArray;

        /**
         * ObservationProto compressionType.
         * @member {communicator_objects.CompressionTypeProto} compressionType
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.compressionType = 0;

        /**
         * ObservationProto compressedData.
         * @member {Uint8Array|null|undefined} compressedData
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.compressedData = null;

        /**
         * ObservationProto floatData.
         * @member {communicator_objects.ObservationProto.FloatData.$Properties|null|undefined} floatData
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.floatData = null;

        /**
         * ObservationProto compressedChannelMapping.
         * @member {Array.<number>} compressedChannelMapping
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.compressedChannelMapping = $util.emptyArray;

        /**
         * ObservationProto dimensionProperties.
         * @member {Array.<number>} dimensionProperties
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.dimensionProperties = $util.emptyArray;

        /**
         * ObservationProto observationType.
         * @member {communicator_objects.ObservationTypeProto} observationType
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.observationType = 0;

        /**
         * ObservationProto name.
         * @member {string} name
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        ObservationProto.prototype.name = "";

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        /**
         * ObservationProto observationData.
         * @member {"compressedData"|"floatData"|undefined} observationData
         * @memberof communicator_objects.ObservationProto
         * @instance
         */
        $Object.defineProperty(ObservationProto.prototype, "observationData", {
            get: $util.oneOfGetter($oneOfFields = ["compressedData", "floatData"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new ObservationProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {communicator_objects.ObservationProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.ObservationProto} ObservationProto instance
         * @type {{
         *   (properties: communicator_objects.ObservationProto.$Shape): communicator_objects.ObservationProto & communicator_objects.ObservationProto.$Shape;
         *   (properties?: communicator_objects.ObservationProto.$Properties): communicator_objects.ObservationProto;
         * }}
         */
        ObservationProto.create = function(properties) {
            return new ObservationProto(properties);
        };

        /**
         * Encodes the specified ObservationProto message. Does not implicitly {@link communicator_objects.ObservationProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {communicator_objects.ObservationProto.$Properties} message ObservationProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ObservationProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.shape != null && message.shape.length)
                writer.uint32(/* id 1, wireType 2 =*/10).int32s(message.shape);
            if (message.compressionType != null && $Object.hasOwnProperty.call(message, "compressionType") && message.compressionType !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).int32(message.compressionType);
            if (message.compressedData != null && $Object.hasOwnProperty.call(message, "compressedData"))
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.compressedData);
            if (message.floatData != null && $Object.hasOwnProperty.call(message, "floatData"))
                $root.communicator_objects.ObservationProto.FloatData.encode(message.floatData, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.compressedChannelMapping != null && message.compressedChannelMapping.length)
                writer.uint32(/* id 5, wireType 2 =*/42).int32s(message.compressedChannelMapping);
            if (message.dimensionProperties != null && message.dimensionProperties.length)
                writer.uint32(/* id 6, wireType 2 =*/50).int32s(message.dimensionProperties);
            if (message.observationType != null && $Object.hasOwnProperty.call(message, "observationType") && message.observationType !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).int32(message.observationType);
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 8, wireType 2 =*/66).string(message.name);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified ObservationProto message, length delimited. Does not implicitly {@link communicator_objects.ObservationProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {communicator_objects.ObservationProto.$Properties} message ObservationProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ObservationProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes an ObservationProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.ObservationProto & communicator_objects.ObservationProto.$Shape} ObservationProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ObservationProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.ObservationProto();
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
                        if (wireType === 2) {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            reader.int32s(message.shape);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.shape && message.shape.length))
                            message.shape = [];
                        message.shape.push(reader.int32());
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.compressionType = value;
                        else
                            delete message.compressionType;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.compressedData = reader.bytes();
                        message.observationData = "compressedData";
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.floatData = $root.communicator_objects.ObservationProto.FloatData.decode(reader, reader.size(), $undefined, _depth + 1, message.floatData);
                        message.observationData = "floatData";
                        continue;
                    }
                case 5: {
                        if (wireType === 2) {
                            if (!(message.compressedChannelMapping && message.compressedChannelMapping.length))
                                message.compressedChannelMapping = [];
                            reader.int32s(message.compressedChannelMapping);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.compressedChannelMapping && message.compressedChannelMapping.length))
                            message.compressedChannelMapping = [];
                        message.compressedChannelMapping.push(reader.int32());
                        continue;
                    }
                case 6: {
                        if (wireType === 2) {
                            if (!(message.dimensionProperties && message.dimensionProperties.length))
                                message.dimensionProperties = [];
                            reader.int32s(message.dimensionProperties);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.dimensionProperties && message.dimensionProperties.length))
                            message.dimensionProperties = [];
                        message.dimensionProperties.push(reader.int32());
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.observationType = value;
                        else
                            delete message.observationType;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
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
         * Decodes an ObservationProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.ObservationProto & communicator_objects.ObservationProto.$Shape} ObservationProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ObservationProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies an ObservationProto message.
         * @function verify
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ObservationProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            let properties = {};
            if (message.shape != null && $Object.hasOwnProperty.call(message, "shape")) {
                if (!$Array.isArray(message.shape))
                    return "shape: array expected";
                for (let i = 0; i < message.shape.length; ++i)
                    if (!$util.isInteger(message.shape[i]))
                        return "shape: integer[] expected";
            }
            if (message.compressionType != null && $Object.hasOwnProperty.call(message, "compressionType"))
                if (typeof message.compressionType !== "number" || (message.compressionType | 0) !== message.compressionType)
                    return "compressionType: enum value expected";
            if (message.compressedData != null && $Object.hasOwnProperty.call(message, "compressedData")) {
                properties.observationData = 1;
                if (!(message.compressedData && typeof message.compressedData.length === "number" || $util.isString(message.compressedData)))
                    return "compressedData: buffer expected";
            }
            if (message.floatData != null && $Object.hasOwnProperty.call(message, "floatData")) {
                if (properties.observationData === 1)
                    return "observationData: multiple values";
                properties.observationData = 1;
                {
                    let error = $root.communicator_objects.ObservationProto.FloatData.verify(message.floatData, _depth + 1);
                    if (error)
                        return "floatData." + error;
                }
            }
            if (message.compressedChannelMapping != null && $Object.hasOwnProperty.call(message, "compressedChannelMapping")) {
                if (!$Array.isArray(message.compressedChannelMapping))
                    return "compressedChannelMapping: array expected";
                for (let i = 0; i < message.compressedChannelMapping.length; ++i)
                    if (!$util.isInteger(message.compressedChannelMapping[i]))
                        return "compressedChannelMapping: integer[] expected";
            }
            if (message.dimensionProperties != null && $Object.hasOwnProperty.call(message, "dimensionProperties")) {
                if (!$Array.isArray(message.dimensionProperties))
                    return "dimensionProperties: array expected";
                for (let i = 0; i < message.dimensionProperties.length; ++i)
                    if (!$util.isInteger(message.dimensionProperties[i]))
                        return "dimensionProperties: integer[] expected";
            }
            if (message.observationType != null && $Object.hasOwnProperty.call(message, "observationType"))
                if (typeof message.observationType !== "number" || (message.observationType | 0) !== message.observationType)
                    return "observationType: enum value expected";
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            return null;
        };

        /**
         * Creates an ObservationProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.ObservationProto} ObservationProto
         */
        ObservationProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.ObservationProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.ObservationProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.ObservationProto();
            if (object.shape) {
                if (!$Array.isArray(object.shape))
                    throw $TypeError(".communicator_objects.ObservationProto.shape: array expected");
                message.shape = $Array(object.shape.length);
                for (let i = 0; i < object.shape.length; ++i)
                    message.shape[i] = object.shape[i] | 0;
            }
            if (object.compressionType !== 0 && (typeof object.compressionType !== "string" || $root.communicator_objects.CompressionTypeProto[object.compressionType] !== 0))
                switch (object.compressionType) {
                case "NONE":
                case 0:
                    message.compressionType = 0;
                    break;
                case "PNG":
                case 1:
                    message.compressionType = 1;
                    break;
                default:
                    if (typeof object.compressionType === "number" && (object.compressionType | 0) === object.compressionType)
                        message.compressionType = object.compressionType;
                }
            if (object.compressedData != null)
                if (typeof object.compressedData === "string")
                    $util.base64.decode(object.compressedData, message.compressedData = $util.newBuffer($util.base64.length(object.compressedData)), 0);
                else if (object.compressedData.length >= 0)
                    message.compressedData = object.compressedData;
            if (object.floatData != null) {
                if (!$util.isObject(object.floatData))
                    throw $TypeError(".communicator_objects.ObservationProto.floatData: object expected");
                message.floatData = $root.communicator_objects.ObservationProto.FloatData.fromObject(object.floatData, _depth + 1);
            }
            if (object.compressedChannelMapping) {
                if (!$Array.isArray(object.compressedChannelMapping))
                    throw $TypeError(".communicator_objects.ObservationProto.compressedChannelMapping: array expected");
                message.compressedChannelMapping = $Array(object.compressedChannelMapping.length);
                for (let i = 0; i < object.compressedChannelMapping.length; ++i)
                    message.compressedChannelMapping[i] = object.compressedChannelMapping[i] | 0;
            }
            if (object.dimensionProperties) {
                if (!$Array.isArray(object.dimensionProperties))
                    throw $TypeError(".communicator_objects.ObservationProto.dimensionProperties: array expected");
                message.dimensionProperties = $Array(object.dimensionProperties.length);
                for (let i = 0; i < object.dimensionProperties.length; ++i)
                    message.dimensionProperties[i] = object.dimensionProperties[i] | 0;
            }
            if (object.observationType !== 0 && (typeof object.observationType !== "string" || $root.communicator_objects.ObservationTypeProto[object.observationType] !== 0))
                switch (object.observationType) {
                case "DEFAULT":
                case 0:
                    message.observationType = 0;
                    break;
                case "GOAL_SIGNAL":
                case 1:
                    message.observationType = 1;
                    break;
                default:
                    if (typeof object.observationType === "number" && (object.observationType | 0) === object.observationType)
                        message.observationType = object.observationType;
                }
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            return message;
        };

        /**
         * Creates a plain object from an ObservationProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {communicator_objects.ObservationProto} message ObservationProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ObservationProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.shape = [];
                object.compressedChannelMapping = [];
                object.dimensionProperties = [];
            }
            if (options.defaults) {
                object.compressionType = options.enums === $String ? "NONE" : 0;
                object.observationType = options.enums === $String ? "DEFAULT" : 0;
                object.name = "";
            }
            if (message.shape && message.shape.length) {
                object.shape = $Array(message.shape.length);
                for (let j = 0; j < message.shape.length; ++j)
                    object.shape[j] = message.shape[j];
            }
            if (message.compressionType != null && $Object.hasOwnProperty.call(message, "compressionType"))
                object.compressionType = options.enums === $String ? $root.communicator_objects.CompressionTypeProto[message.compressionType] === $undefined ? message.compressionType : $root.communicator_objects.CompressionTypeProto[message.compressionType] : message.compressionType;
            if (message.compressedData != null && $Object.hasOwnProperty.call(message, "compressedData")) {
                object.compressedData = options.bytes === $String ? $util.base64.encode(message.compressedData, 0, message.compressedData.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.compressedData) : message.compressedData;
                if (options.oneofs)
                    object.observationData = "compressedData";
            }
            if (message.floatData != null && $Object.hasOwnProperty.call(message, "floatData")) {
                object.floatData = $root.communicator_objects.ObservationProto.FloatData.toObject(message.floatData, options, _depth + 1);
                if (options.oneofs)
                    object.observationData = "floatData";
            }
            if (message.compressedChannelMapping && message.compressedChannelMapping.length) {
                object.compressedChannelMapping = $Array(message.compressedChannelMapping.length);
                for (let j = 0; j < message.compressedChannelMapping.length; ++j)
                    object.compressedChannelMapping[j] = message.compressedChannelMapping[j];
            }
            if (message.dimensionProperties && message.dimensionProperties.length) {
                object.dimensionProperties = $Array(message.dimensionProperties.length);
                for (let j = 0; j < message.dimensionProperties.length; ++j)
                    object.dimensionProperties[j] = message.dimensionProperties[j];
            }
            if (message.observationType != null && $Object.hasOwnProperty.call(message, "observationType"))
                object.observationType = options.enums === $String ? $root.communicator_objects.ObservationTypeProto[message.observationType] === $undefined ? message.observationType : $root.communicator_objects.ObservationTypeProto[message.observationType] : message.observationType;
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            return object;
        };

        /**
         * Converts this ObservationProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.ObservationProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ObservationProto.prototype.toJSON = function() {
            return ObservationProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ObservationProto
         * @function getTypeUrl
         * @memberof communicator_objects.ObservationProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ObservationProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.ObservationProto";
        };

        ObservationProto.FloatData = (function() {

            /**
             * Properties of a FloatData.
             * @typedef {Object} communicator_objects.ObservationProto.FloatData.$Properties
             * @property {Array.<number>|null} [data] FloatData data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FloatData.
             * @memberof communicator_objects.ObservationProto
             * @interface IFloatData
             * @augments communicator_objects.ObservationProto.FloatData.$Properties
             * @deprecated Use communicator_objects.ObservationProto.FloatData.$Properties instead.
             */

            /**
             * Shape of a FloatData.
             * @typedef {communicator_objects.ObservationProto.FloatData.$Properties} communicator_objects.ObservationProto.FloatData.$Shape
             */

            /**
             * Constructs a new FloatData.
             * @memberof communicator_objects.ObservationProto
             * @classdesc Represents a FloatData.
             * @constructor
             * @param {communicator_objects.ObservationProto.FloatData.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FloatData = function (properties) {
                this.data = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * FloatData data.
             * @member {Array.<number>} data
             * @memberof communicator_objects.ObservationProto.FloatData
             * @instance
             */
            FloatData.prototype.data = $util.emptyArray;

            /**
             * Creates a new FloatData instance using the specified properties.
             * @function create
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {communicator_objects.ObservationProto.FloatData.$Properties=} [properties] Properties to set
             * @returns {communicator_objects.ObservationProto.FloatData} FloatData instance
             * @type {{
             *   (properties: communicator_objects.ObservationProto.FloatData.$Shape): communicator_objects.ObservationProto.FloatData & communicator_objects.ObservationProto.FloatData.$Shape;
             *   (properties?: communicator_objects.ObservationProto.FloatData.$Properties): communicator_objects.ObservationProto.FloatData;
             * }}
             */
            FloatData.create = function(properties) {
                return new FloatData(properties);
            };

            /**
             * Encodes the specified FloatData message. Does not implicitly {@link communicator_objects.ObservationProto.FloatData.verify|verify} messages.
             * @function encode
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {communicator_objects.ObservationProto.FloatData.$Properties} message FloatData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FloatData.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.data != null && message.data.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).floats(message.data);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified FloatData message, length delimited. Does not implicitly {@link communicator_objects.ObservationProto.FloatData.verify|verify} messages.
             * @function encodeDelimited
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {communicator_objects.ObservationProto.FloatData.$Properties} message FloatData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FloatData.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a FloatData message from the specified reader or buffer.
             * @function decode
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {communicator_objects.ObservationProto.FloatData & communicator_objects.ObservationProto.FloatData.$Shape} FloatData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FloatData.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.communicator_objects.ObservationProto.FloatData();
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
                            if (wireType === 2) {
                                if (!(message.data && message.data.length))
                                    message.data = [];
                                reader.floats(message.data);
                                continue;
                            }
                            if (wireType !== 5)
                                break;
                            if (!(message.data && message.data.length))
                                message.data = [];
                            message.data.push(reader.float());
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
             * Decodes a FloatData message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {communicator_objects.ObservationProto.FloatData & communicator_objects.ObservationProto.FloatData.$Shape} FloatData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FloatData.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a FloatData message.
             * @function verify
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FloatData.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.data != null && $Object.hasOwnProperty.call(message, "data")) {
                    if (!$Array.isArray(message.data))
                        return "data: array expected";
                    for (let i = 0; i < message.data.length; ++i)
                        if (typeof message.data[i] !== "number")
                            return "data: number[] expected";
                }
                return null;
            };

            /**
             * Creates a FloatData message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {communicator_objects.ObservationProto.FloatData} FloatData
             */
            FloatData.fromObject = function (object, _depth) {
                if (object instanceof $root.communicator_objects.ObservationProto.FloatData)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".communicator_objects.ObservationProto.FloatData: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.communicator_objects.ObservationProto.FloatData();
                if (object.data) {
                    if (!$Array.isArray(object.data))
                        throw $TypeError(".communicator_objects.ObservationProto.FloatData.data: array expected");
                    message.data = $Array(object.data.length);
                    for (let i = 0; i < object.data.length; ++i)
                        message.data[i] = $Number(object.data[i]);
                }
                return message;
            };

            /**
             * Creates a plain object from a FloatData message. Also converts values to other types if specified.
             * @function toObject
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {communicator_objects.ObservationProto.FloatData} message FloatData
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FloatData.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.data = [];
                if (message.data && message.data.length) {
                    object.data = $Array(message.data.length);
                    for (let j = 0; j < message.data.length; ++j)
                        object.data[j] = options.json && !$isFinite(message.data[j]) ? $String(message.data[j]) : message.data[j];
                }
                return object;
            };

            /**
             * Converts this FloatData to JSON.
             * @function toJSON
             * @memberof communicator_objects.ObservationProto.FloatData
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FloatData.prototype.toJSON = function() {
                return FloatData.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FloatData
             * @function getTypeUrl
             * @memberof communicator_objects.ObservationProto.FloatData
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FloatData.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/communicator_objects.ObservationProto.FloatData";
            };

            return FloatData;
        })();

        return ObservationProto;
    })();

    communicator_objects.AgentInfoActionPairProto = (function() {

        /**
         * Properties of an AgentInfoActionPairProto.
         * @typedef {Object} communicator_objects.AgentInfoActionPairProto.$Properties
         * @property {communicator_objects.AgentInfoProto.$Properties|null} [agentInfo] AgentInfoActionPairProto agentInfo
         * @property {communicator_objects.AgentActionProto.$Properties|null} [actionInfo] AgentInfoActionPairProto actionInfo
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an AgentInfoActionPairProto.
         * @memberof communicator_objects
         * @interface IAgentInfoActionPairProto
         * @augments communicator_objects.AgentInfoActionPairProto.$Properties
         * @deprecated Use communicator_objects.AgentInfoActionPairProto.$Properties instead.
         */

        /**
         * Shape of an AgentInfoActionPairProto.
         * @typedef {{
         *   agentInfo?: communicator_objects.AgentInfoProto.$Shape|null;
         *   actionInfo?: communicator_objects.AgentActionProto.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} communicator_objects.AgentInfoActionPairProto.$Shape
         */

        /**
         * Constructs a new AgentInfoActionPairProto.
         * @memberof communicator_objects
         * @classdesc Represents an AgentInfoActionPairProto.
         * @constructor
         * @param {communicator_objects.AgentInfoActionPairProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const AgentInfoActionPairProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * AgentInfoActionPairProto agentInfo.
         * @member {communicator_objects.AgentInfoProto.$Properties|null|undefined} agentInfo
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @instance
         */
        AgentInfoActionPairProto.prototype.agentInfo = null;

        /**
         * AgentInfoActionPairProto actionInfo.
         * @member {communicator_objects.AgentActionProto.$Properties|null|undefined} actionInfo
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @instance
         */
        AgentInfoActionPairProto.prototype.actionInfo = null;

        /**
         * Creates a new AgentInfoActionPairProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {communicator_objects.AgentInfoActionPairProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.AgentInfoActionPairProto} AgentInfoActionPairProto instance
         * @type {{
         *   (properties: communicator_objects.AgentInfoActionPairProto.$Shape): communicator_objects.AgentInfoActionPairProto & communicator_objects.AgentInfoActionPairProto.$Shape;
         *   (properties?: communicator_objects.AgentInfoActionPairProto.$Properties): communicator_objects.AgentInfoActionPairProto;
         * }}
         */
        AgentInfoActionPairProto.create = function(properties) {
            return new AgentInfoActionPairProto(properties);
        };

        /**
         * Encodes the specified AgentInfoActionPairProto message. Does not implicitly {@link communicator_objects.AgentInfoActionPairProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {communicator_objects.AgentInfoActionPairProto.$Properties} message AgentInfoActionPairProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AgentInfoActionPairProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.agentInfo != null && $Object.hasOwnProperty.call(message, "agentInfo"))
                $root.communicator_objects.AgentInfoProto.encode(message.agentInfo, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.actionInfo != null && $Object.hasOwnProperty.call(message, "actionInfo"))
                $root.communicator_objects.AgentActionProto.encode(message.actionInfo, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified AgentInfoActionPairProto message, length delimited. Does not implicitly {@link communicator_objects.AgentInfoActionPairProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {communicator_objects.AgentInfoActionPairProto.$Properties} message AgentInfoActionPairProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AgentInfoActionPairProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes an AgentInfoActionPairProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.AgentInfoActionPairProto & communicator_objects.AgentInfoActionPairProto.$Shape} AgentInfoActionPairProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AgentInfoActionPairProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.AgentInfoActionPairProto();
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
                        message.agentInfo = $root.communicator_objects.AgentInfoProto.decode(reader, reader.size(), $undefined, _depth + 1, message.agentInfo);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.actionInfo = $root.communicator_objects.AgentActionProto.decode(reader, reader.size(), $undefined, _depth + 1, message.actionInfo);
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
         * Decodes an AgentInfoActionPairProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.AgentInfoActionPairProto & communicator_objects.AgentInfoActionPairProto.$Shape} AgentInfoActionPairProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AgentInfoActionPairProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies an AgentInfoActionPairProto message.
         * @function verify
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        AgentInfoActionPairProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.agentInfo != null && $Object.hasOwnProperty.call(message, "agentInfo")) {
                let error = $root.communicator_objects.AgentInfoProto.verify(message.agentInfo, _depth + 1);
                if (error)
                    return "agentInfo." + error;
            }
            if (message.actionInfo != null && $Object.hasOwnProperty.call(message, "actionInfo")) {
                let error = $root.communicator_objects.AgentActionProto.verify(message.actionInfo, _depth + 1);
                if (error)
                    return "actionInfo." + error;
            }
            return null;
        };

        /**
         * Creates an AgentInfoActionPairProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.AgentInfoActionPairProto} AgentInfoActionPairProto
         */
        AgentInfoActionPairProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.AgentInfoActionPairProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.AgentInfoActionPairProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.AgentInfoActionPairProto();
            if (object.agentInfo != null) {
                if (!$util.isObject(object.agentInfo))
                    throw $TypeError(".communicator_objects.AgentInfoActionPairProto.agentInfo: object expected");
                message.agentInfo = $root.communicator_objects.AgentInfoProto.fromObject(object.agentInfo, _depth + 1);
            }
            if (object.actionInfo != null) {
                if (!$util.isObject(object.actionInfo))
                    throw $TypeError(".communicator_objects.AgentInfoActionPairProto.actionInfo: object expected");
                message.actionInfo = $root.communicator_objects.AgentActionProto.fromObject(object.actionInfo, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from an AgentInfoActionPairProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {communicator_objects.AgentInfoActionPairProto} message AgentInfoActionPairProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        AgentInfoActionPairProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.agentInfo = null;
                object.actionInfo = null;
            }
            if (message.agentInfo != null && $Object.hasOwnProperty.call(message, "agentInfo"))
                object.agentInfo = $root.communicator_objects.AgentInfoProto.toObject(message.agentInfo, options, _depth + 1);
            if (message.actionInfo != null && $Object.hasOwnProperty.call(message, "actionInfo"))
                object.actionInfo = $root.communicator_objects.AgentActionProto.toObject(message.actionInfo, options, _depth + 1);
            return object;
        };

        /**
         * Converts this AgentInfoActionPairProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        AgentInfoActionPairProto.prototype.toJSON = function() {
            return AgentInfoActionPairProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for AgentInfoActionPairProto
         * @function getTypeUrl
         * @memberof communicator_objects.AgentInfoActionPairProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        AgentInfoActionPairProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.AgentInfoActionPairProto";
        };

        return AgentInfoActionPairProto;
    })();

    communicator_objects.ActionSpecProto = (function() {

        /**
         * Properties of an ActionSpecProto.
         * @typedef {Object} communicator_objects.ActionSpecProto.$Properties
         * @property {number|null} [numContinuousActions] ActionSpecProto numContinuousActions
         * @property {number|null} [numDiscreteActions] ActionSpecProto numDiscreteActions
         * @property {Array.<number>|null} [discreteBranchSizes] ActionSpecProto discreteBranchSizes
         * @property {Array.<string>|null} [actionDescriptions] ActionSpecProto actionDescriptions
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an ActionSpecProto.
         * @memberof communicator_objects
         * @interface IActionSpecProto
         * @augments communicator_objects.ActionSpecProto.$Properties
         * @deprecated Use communicator_objects.ActionSpecProto.$Properties instead.
         */

        /**
         * Shape of an ActionSpecProto.
         * @typedef {communicator_objects.ActionSpecProto.$Properties} communicator_objects.ActionSpecProto.$Shape
         */

        /**
         * Constructs a new ActionSpecProto.
         * @memberof communicator_objects
         * @classdesc Represents an ActionSpecProto.
         * @constructor
         * @param {communicator_objects.ActionSpecProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ActionSpecProto = function (properties) {
            this.discreteBranchSizes = [];
            this.actionDescriptions = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ActionSpecProto numContinuousActions.
         * @member {number} numContinuousActions
         * @memberof communicator_objects.ActionSpecProto
         * @instance
         */
        ActionSpecProto.prototype.numContinuousActions = 0;

        /**
         * ActionSpecProto numDiscreteActions.
         * @member {number} numDiscreteActions
         * @memberof communicator_objects.ActionSpecProto
         * @instance
         */
        ActionSpecProto.prototype.numDiscreteActions = 0;

        /**
         * ActionSpecProto discreteBranchSizes.
         * @member {Array.<number>} discreteBranchSizes
         * @memberof communicator_objects.ActionSpecProto
         * @instance
         */
        ActionSpecProto.prototype.discreteBranchSizes = $util.emptyArray;

        /**
         * ActionSpecProto actionDescriptions.
         * @member {Array.<string>} actionDescriptions
         * @memberof communicator_objects.ActionSpecProto
         * @instance
         */
        ActionSpecProto.prototype.actionDescriptions = $util.emptyArray;

        /**
         * Creates a new ActionSpecProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {communicator_objects.ActionSpecProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.ActionSpecProto} ActionSpecProto instance
         * @type {{
         *   (properties: communicator_objects.ActionSpecProto.$Shape): communicator_objects.ActionSpecProto & communicator_objects.ActionSpecProto.$Shape;
         *   (properties?: communicator_objects.ActionSpecProto.$Properties): communicator_objects.ActionSpecProto;
         * }}
         */
        ActionSpecProto.create = function(properties) {
            return new ActionSpecProto(properties);
        };

        /**
         * Encodes the specified ActionSpecProto message. Does not implicitly {@link communicator_objects.ActionSpecProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {communicator_objects.ActionSpecProto.$Properties} message ActionSpecProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ActionSpecProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.numContinuousActions != null && $Object.hasOwnProperty.call(message, "numContinuousActions") && message.numContinuousActions !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.numContinuousActions);
            if (message.numDiscreteActions != null && $Object.hasOwnProperty.call(message, "numDiscreteActions") && message.numDiscreteActions !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).int32(message.numDiscreteActions);
            if (message.discreteBranchSizes != null && message.discreteBranchSizes.length)
                writer.uint32(/* id 3, wireType 2 =*/26).int32s(message.discreteBranchSizes);
            if (message.actionDescriptions != null && message.actionDescriptions.length)
                for (let i = 0; i < message.actionDescriptions.length; ++i)
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.actionDescriptions[i]);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified ActionSpecProto message, length delimited. Does not implicitly {@link communicator_objects.ActionSpecProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {communicator_objects.ActionSpecProto.$Properties} message ActionSpecProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ActionSpecProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes an ActionSpecProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.ActionSpecProto & communicator_objects.ActionSpecProto.$Shape} ActionSpecProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ActionSpecProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.ActionSpecProto();
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
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numContinuousActions = value;
                        else
                            delete message.numContinuousActions;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numDiscreteActions = value;
                        else
                            delete message.numDiscreteActions;
                        continue;
                    }
                case 3: {
                        if (wireType === 2) {
                            if (!(message.discreteBranchSizes && message.discreteBranchSizes.length))
                                message.discreteBranchSizes = [];
                            reader.int32s(message.discreteBranchSizes);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.discreteBranchSizes && message.discreteBranchSizes.length))
                            message.discreteBranchSizes = [];
                        message.discreteBranchSizes.push(reader.int32());
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.actionDescriptions && message.actionDescriptions.length))
                            message.actionDescriptions = [];
                        message.actionDescriptions.push(reader.stringVerify());
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
         * Decodes an ActionSpecProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.ActionSpecProto & communicator_objects.ActionSpecProto.$Shape} ActionSpecProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ActionSpecProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies an ActionSpecProto message.
         * @function verify
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        ActionSpecProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.numContinuousActions != null && $Object.hasOwnProperty.call(message, "numContinuousActions"))
                if (!$util.isInteger(message.numContinuousActions))
                    return "numContinuousActions: integer expected";
            if (message.numDiscreteActions != null && $Object.hasOwnProperty.call(message, "numDiscreteActions"))
                if (!$util.isInteger(message.numDiscreteActions))
                    return "numDiscreteActions: integer expected";
            if (message.discreteBranchSizes != null && $Object.hasOwnProperty.call(message, "discreteBranchSizes")) {
                if (!$Array.isArray(message.discreteBranchSizes))
                    return "discreteBranchSizes: array expected";
                for (let i = 0; i < message.discreteBranchSizes.length; ++i)
                    if (!$util.isInteger(message.discreteBranchSizes[i]))
                        return "discreteBranchSizes: integer[] expected";
            }
            if (message.actionDescriptions != null && $Object.hasOwnProperty.call(message, "actionDescriptions")) {
                if (!$Array.isArray(message.actionDescriptions))
                    return "actionDescriptions: array expected";
                for (let i = 0; i < message.actionDescriptions.length; ++i)
                    if (!$util.isString(message.actionDescriptions[i]))
                        return "actionDescriptions: string[] expected";
            }
            return null;
        };

        /**
         * Creates an ActionSpecProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.ActionSpecProto} ActionSpecProto
         */
        ActionSpecProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.ActionSpecProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.ActionSpecProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.ActionSpecProto();
            if (object.numContinuousActions != null)
                if ($Number(object.numContinuousActions) !== 0)
                    message.numContinuousActions = object.numContinuousActions | 0;
            if (object.numDiscreteActions != null)
                if ($Number(object.numDiscreteActions) !== 0)
                    message.numDiscreteActions = object.numDiscreteActions | 0;
            if (object.discreteBranchSizes) {
                if (!$Array.isArray(object.discreteBranchSizes))
                    throw $TypeError(".communicator_objects.ActionSpecProto.discreteBranchSizes: array expected");
                message.discreteBranchSizes = $Array(object.discreteBranchSizes.length);
                for (let i = 0; i < object.discreteBranchSizes.length; ++i)
                    message.discreteBranchSizes[i] = object.discreteBranchSizes[i] | 0;
            }
            if (object.actionDescriptions) {
                if (!$Array.isArray(object.actionDescriptions))
                    throw $TypeError(".communicator_objects.ActionSpecProto.actionDescriptions: array expected");
                message.actionDescriptions = $Array(object.actionDescriptions.length);
                for (let i = 0; i < object.actionDescriptions.length; ++i)
                    message.actionDescriptions[i] = $String(object.actionDescriptions[i]);
            }
            return message;
        };

        /**
         * Creates a plain object from an ActionSpecProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {communicator_objects.ActionSpecProto} message ActionSpecProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ActionSpecProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.discreteBranchSizes = [];
                object.actionDescriptions = [];
            }
            if (options.defaults) {
                object.numContinuousActions = 0;
                object.numDiscreteActions = 0;
            }
            if (message.numContinuousActions != null && $Object.hasOwnProperty.call(message, "numContinuousActions"))
                object.numContinuousActions = message.numContinuousActions;
            if (message.numDiscreteActions != null && $Object.hasOwnProperty.call(message, "numDiscreteActions"))
                object.numDiscreteActions = message.numDiscreteActions;
            if (message.discreteBranchSizes && message.discreteBranchSizes.length) {
                object.discreteBranchSizes = $Array(message.discreteBranchSizes.length);
                for (let j = 0; j < message.discreteBranchSizes.length; ++j)
                    object.discreteBranchSizes[j] = message.discreteBranchSizes[j];
            }
            if (message.actionDescriptions && message.actionDescriptions.length) {
                object.actionDescriptions = $Array(message.actionDescriptions.length);
                for (let j = 0; j < message.actionDescriptions.length; ++j)
                    object.actionDescriptions[j] = message.actionDescriptions[j];
            }
            return object;
        };

        /**
         * Converts this ActionSpecProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.ActionSpecProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ActionSpecProto.prototype.toJSON = function() {
            return ActionSpecProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ActionSpecProto
         * @function getTypeUrl
         * @memberof communicator_objects.ActionSpecProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ActionSpecProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.ActionSpecProto";
        };

        return ActionSpecProto;
    })();

    communicator_objects.BrainParametersProto = (function() {

        /**
         * Properties of a BrainParametersProto.
         * @typedef {Object} communicator_objects.BrainParametersProto.$Properties
         * @property {Array.<number>|null} [vectorActionSizeDeprecated] BrainParametersProto vectorActionSizeDeprecated
         * @property {Array.<string>|null} [vectorActionDescriptionsDeprecated] BrainParametersProto vectorActionDescriptionsDeprecated
         * @property {communicator_objects.SpaceTypeProto|null} [vectorActionSpaceTypeDeprecated] BrainParametersProto vectorActionSpaceTypeDeprecated
         * @property {string|null} [brainName] BrainParametersProto brainName
         * @property {boolean|null} [isTraining] BrainParametersProto isTraining
         * @property {communicator_objects.ActionSpecProto.$Properties|null} [actionSpec] BrainParametersProto actionSpec
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a BrainParametersProto.
         * @memberof communicator_objects
         * @interface IBrainParametersProto
         * @augments communicator_objects.BrainParametersProto.$Properties
         * @deprecated Use communicator_objects.BrainParametersProto.$Properties instead.
         */

        /**
         * Shape of a BrainParametersProto.
         * @typedef {communicator_objects.BrainParametersProto.$Properties} communicator_objects.BrainParametersProto.$Shape
         */

        /**
         * Constructs a new BrainParametersProto.
         * @memberof communicator_objects
         * @classdesc Represents a BrainParametersProto.
         * @constructor
         * @param {communicator_objects.BrainParametersProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const BrainParametersProto = function (properties) {
            this.vectorActionSizeDeprecated = [];
            this.vectorActionDescriptionsDeprecated = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * BrainParametersProto vectorActionSizeDeprecated.
         * @member {Array.<number>} vectorActionSizeDeprecated
         * @memberof communicator_objects.BrainParametersProto
         * @instance
         */
        BrainParametersProto.prototype.vectorActionSizeDeprecated = $util.emptyArray;

        /**
         * BrainParametersProto vectorActionDescriptionsDeprecated.
         * @member {Array.<string>} vectorActionDescriptionsDeprecated
         * @memberof communicator_objects.BrainParametersProto
         * @instance
         */
        BrainParametersProto.prototype.vectorActionDescriptionsDeprecated = $util.emptyArray;

        /**
         * BrainParametersProto vectorActionSpaceTypeDeprecated.
         * @member {communicator_objects.SpaceTypeProto} vectorActionSpaceTypeDeprecated
         * @memberof communicator_objects.BrainParametersProto
         * @instance
         */
        BrainParametersProto.prototype.vectorActionSpaceTypeDeprecated = 0;

        /**
         * BrainParametersProto brainName.
         * @member {string} brainName
         * @memberof communicator_objects.BrainParametersProto
         * @instance
         */
        BrainParametersProto.prototype.brainName = "";

        /**
         * BrainParametersProto isTraining.
         * @member {boolean} isTraining
         * @memberof communicator_objects.BrainParametersProto
         * @instance
         */
        BrainParametersProto.prototype.isTraining = false;

        /**
         * BrainParametersProto actionSpec.
         * @member {communicator_objects.ActionSpecProto.$Properties|null|undefined} actionSpec
         * @memberof communicator_objects.BrainParametersProto
         * @instance
         */
        BrainParametersProto.prototype.actionSpec = null;

        /**
         * Creates a new BrainParametersProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {communicator_objects.BrainParametersProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.BrainParametersProto} BrainParametersProto instance
         * @type {{
         *   (properties: communicator_objects.BrainParametersProto.$Shape): communicator_objects.BrainParametersProto & communicator_objects.BrainParametersProto.$Shape;
         *   (properties?: communicator_objects.BrainParametersProto.$Properties): communicator_objects.BrainParametersProto;
         * }}
         */
        BrainParametersProto.create = function(properties) {
            return new BrainParametersProto(properties);
        };

        /**
         * Encodes the specified BrainParametersProto message. Does not implicitly {@link communicator_objects.BrainParametersProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {communicator_objects.BrainParametersProto.$Properties} message BrainParametersProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        BrainParametersProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.vectorActionSizeDeprecated != null && message.vectorActionSizeDeprecated.length)
                writer.uint32(/* id 3, wireType 2 =*/26).int32s(message.vectorActionSizeDeprecated);
            if (message.vectorActionDescriptionsDeprecated != null && message.vectorActionDescriptionsDeprecated.length)
                for (let i = 0; i < message.vectorActionDescriptionsDeprecated.length; ++i)
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.vectorActionDescriptionsDeprecated[i]);
            if (message.vectorActionSpaceTypeDeprecated != null && $Object.hasOwnProperty.call(message, "vectorActionSpaceTypeDeprecated") && message.vectorActionSpaceTypeDeprecated !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).int32(message.vectorActionSpaceTypeDeprecated);
            if (message.brainName != null && $Object.hasOwnProperty.call(message, "brainName") && message.brainName !== "")
                writer.uint32(/* id 7, wireType 2 =*/58).string(message.brainName);
            if (message.isTraining != null && $Object.hasOwnProperty.call(message, "isTraining") && message.isTraining !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.isTraining);
            if (message.actionSpec != null && $Object.hasOwnProperty.call(message, "actionSpec"))
                $root.communicator_objects.ActionSpecProto.encode(message.actionSpec, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified BrainParametersProto message, length delimited. Does not implicitly {@link communicator_objects.BrainParametersProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {communicator_objects.BrainParametersProto.$Properties} message BrainParametersProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        BrainParametersProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a BrainParametersProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.BrainParametersProto & communicator_objects.BrainParametersProto.$Shape} BrainParametersProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        BrainParametersProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.BrainParametersProto();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 3: {
                        if (wireType === 2) {
                            if (!(message.vectorActionSizeDeprecated && message.vectorActionSizeDeprecated.length))
                                message.vectorActionSizeDeprecated = [];
                            reader.int32s(message.vectorActionSizeDeprecated);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.vectorActionSizeDeprecated && message.vectorActionSizeDeprecated.length))
                            message.vectorActionSizeDeprecated = [];
                        message.vectorActionSizeDeprecated.push(reader.int32());
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.vectorActionDescriptionsDeprecated && message.vectorActionDescriptionsDeprecated.length))
                            message.vectorActionDescriptionsDeprecated = [];
                        message.vectorActionDescriptionsDeprecated.push(reader.stringVerify());
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.vectorActionSpaceTypeDeprecated = value;
                        else
                            delete message.vectorActionSpaceTypeDeprecated;
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.brainName = value;
                        else
                            delete message.brainName;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.isTraining = value;
                        else
                            delete message.isTraining;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        message.actionSpec = $root.communicator_objects.ActionSpecProto.decode(reader, reader.size(), $undefined, _depth + 1, message.actionSpec);
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
         * Decodes a BrainParametersProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.BrainParametersProto & communicator_objects.BrainParametersProto.$Shape} BrainParametersProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        BrainParametersProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a BrainParametersProto message.
         * @function verify
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        BrainParametersProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.vectorActionSizeDeprecated != null && $Object.hasOwnProperty.call(message, "vectorActionSizeDeprecated")) {
                if (!$Array.isArray(message.vectorActionSizeDeprecated))
                    return "vectorActionSizeDeprecated: array expected";
                for (let i = 0; i < message.vectorActionSizeDeprecated.length; ++i)
                    if (!$util.isInteger(message.vectorActionSizeDeprecated[i]))
                        return "vectorActionSizeDeprecated: integer[] expected";
            }
            if (message.vectorActionDescriptionsDeprecated != null && $Object.hasOwnProperty.call(message, "vectorActionDescriptionsDeprecated")) {
                if (!$Array.isArray(message.vectorActionDescriptionsDeprecated))
                    return "vectorActionDescriptionsDeprecated: array expected";
                for (let i = 0; i < message.vectorActionDescriptionsDeprecated.length; ++i)
                    if (!$util.isString(message.vectorActionDescriptionsDeprecated[i]))
                        return "vectorActionDescriptionsDeprecated: string[] expected";
            }
            if (message.vectorActionSpaceTypeDeprecated != null && $Object.hasOwnProperty.call(message, "vectorActionSpaceTypeDeprecated"))
                if (typeof message.vectorActionSpaceTypeDeprecated !== "number" || (message.vectorActionSpaceTypeDeprecated | 0) !== message.vectorActionSpaceTypeDeprecated)
                    return "vectorActionSpaceTypeDeprecated: enum value expected";
            if (message.brainName != null && $Object.hasOwnProperty.call(message, "brainName"))
                if (!$util.isString(message.brainName))
                    return "brainName: string expected";
            if (message.isTraining != null && $Object.hasOwnProperty.call(message, "isTraining"))
                if (typeof message.isTraining !== "boolean")
                    return "isTraining: boolean expected";
            if (message.actionSpec != null && $Object.hasOwnProperty.call(message, "actionSpec")) {
                let error = $root.communicator_objects.ActionSpecProto.verify(message.actionSpec, _depth + 1);
                if (error)
                    return "actionSpec." + error;
            }
            return null;
        };

        /**
         * Creates a BrainParametersProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.BrainParametersProto} BrainParametersProto
         */
        BrainParametersProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.BrainParametersProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.BrainParametersProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.BrainParametersProto();
            if (object.vectorActionSizeDeprecated) {
                if (!$Array.isArray(object.vectorActionSizeDeprecated))
                    throw $TypeError(".communicator_objects.BrainParametersProto.vectorActionSizeDeprecated: array expected");
                message.vectorActionSizeDeprecated = $Array(object.vectorActionSizeDeprecated.length);
                for (let i = 0; i < object.vectorActionSizeDeprecated.length; ++i)
                    message.vectorActionSizeDeprecated[i] = object.vectorActionSizeDeprecated[i] | 0;
            }
            if (object.vectorActionDescriptionsDeprecated) {
                if (!$Array.isArray(object.vectorActionDescriptionsDeprecated))
                    throw $TypeError(".communicator_objects.BrainParametersProto.vectorActionDescriptionsDeprecated: array expected");
                message.vectorActionDescriptionsDeprecated = $Array(object.vectorActionDescriptionsDeprecated.length);
                for (let i = 0; i < object.vectorActionDescriptionsDeprecated.length; ++i)
                    message.vectorActionDescriptionsDeprecated[i] = $String(object.vectorActionDescriptionsDeprecated[i]);
            }
            if (object.vectorActionSpaceTypeDeprecated !== 0 && (typeof object.vectorActionSpaceTypeDeprecated !== "string" || $root.communicator_objects.SpaceTypeProto[object.vectorActionSpaceTypeDeprecated] !== 0))
                switch (object.vectorActionSpaceTypeDeprecated) {
                case "discrete":
                case 0:
                    message.vectorActionSpaceTypeDeprecated = 0;
                    break;
                case "continuous":
                case 1:
                    message.vectorActionSpaceTypeDeprecated = 1;
                    break;
                default:
                    if (typeof object.vectorActionSpaceTypeDeprecated === "number" && (object.vectorActionSpaceTypeDeprecated | 0) === object.vectorActionSpaceTypeDeprecated)
                        message.vectorActionSpaceTypeDeprecated = object.vectorActionSpaceTypeDeprecated;
                }
            if (object.brainName != null)
                if (typeof object.brainName !== "string" || object.brainName.length)
                    message.brainName = $String(object.brainName);
            if (object.isTraining != null)
                if (object.isTraining)
                    message.isTraining = $Boolean(object.isTraining);
            if (object.actionSpec != null) {
                if (!$util.isObject(object.actionSpec))
                    throw $TypeError(".communicator_objects.BrainParametersProto.actionSpec: object expected");
                message.actionSpec = $root.communicator_objects.ActionSpecProto.fromObject(object.actionSpec, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a BrainParametersProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {communicator_objects.BrainParametersProto} message BrainParametersProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        BrainParametersProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.vectorActionSizeDeprecated = [];
                object.vectorActionDescriptionsDeprecated = [];
            }
            if (options.defaults) {
                object.vectorActionSpaceTypeDeprecated = options.enums === $String ? "discrete" : 0;
                object.brainName = "";
                object.isTraining = false;
                object.actionSpec = null;
            }
            if (message.vectorActionSizeDeprecated && message.vectorActionSizeDeprecated.length) {
                object.vectorActionSizeDeprecated = $Array(message.vectorActionSizeDeprecated.length);
                for (let j = 0; j < message.vectorActionSizeDeprecated.length; ++j)
                    object.vectorActionSizeDeprecated[j] = message.vectorActionSizeDeprecated[j];
            }
            if (message.vectorActionDescriptionsDeprecated && message.vectorActionDescriptionsDeprecated.length) {
                object.vectorActionDescriptionsDeprecated = $Array(message.vectorActionDescriptionsDeprecated.length);
                for (let j = 0; j < message.vectorActionDescriptionsDeprecated.length; ++j)
                    object.vectorActionDescriptionsDeprecated[j] = message.vectorActionDescriptionsDeprecated[j];
            }
            if (message.vectorActionSpaceTypeDeprecated != null && $Object.hasOwnProperty.call(message, "vectorActionSpaceTypeDeprecated"))
                object.vectorActionSpaceTypeDeprecated = options.enums === $String ? $root.communicator_objects.SpaceTypeProto[message.vectorActionSpaceTypeDeprecated] === $undefined ? message.vectorActionSpaceTypeDeprecated : $root.communicator_objects.SpaceTypeProto[message.vectorActionSpaceTypeDeprecated] : message.vectorActionSpaceTypeDeprecated;
            if (message.brainName != null && $Object.hasOwnProperty.call(message, "brainName"))
                object.brainName = message.brainName;
            if (message.isTraining != null && $Object.hasOwnProperty.call(message, "isTraining"))
                object.isTraining = message.isTraining;
            if (message.actionSpec != null && $Object.hasOwnProperty.call(message, "actionSpec"))
                object.actionSpec = $root.communicator_objects.ActionSpecProto.toObject(message.actionSpec, options, _depth + 1);
            return object;
        };

        /**
         * Converts this BrainParametersProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.BrainParametersProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        BrainParametersProto.prototype.toJSON = function() {
            return BrainParametersProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for BrainParametersProto
         * @function getTypeUrl
         * @memberof communicator_objects.BrainParametersProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        BrainParametersProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.BrainParametersProto";
        };

        return BrainParametersProto;
    })();

    /**
     * SpaceTypeProto enum.
     * @name communicator_objects.SpaceTypeProto
     * @enum {number}
     * @property {number} discrete=0 discrete value
     * @property {number} continuous=1 continuous value
     */
    communicator_objects.SpaceTypeProto = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "discrete"] = 0;
        values[valuesById[1] = "continuous"] = 1;
        return values;
    })();

    communicator_objects.UnityRLCapabilitiesProto = (function() {

        /**
         * Properties of a UnityRLCapabilitiesProto.
         * @typedef {Object} communicator_objects.UnityRLCapabilitiesProto.$Properties
         * @property {boolean|null} [baseRLCapabilities] UnityRLCapabilitiesProto baseRLCapabilities
         * @property {boolean|null} [concatenatedPngObservations] UnityRLCapabilitiesProto concatenatedPngObservations
         * @property {boolean|null} [compressedChannelMapping] UnityRLCapabilitiesProto compressedChannelMapping
         * @property {boolean|null} [hybridActions] UnityRLCapabilitiesProto hybridActions
         * @property {boolean|null} [trainingAnalytics] UnityRLCapabilitiesProto trainingAnalytics
         * @property {boolean|null} [variableLengthObservation] UnityRLCapabilitiesProto variableLengthObservation
         * @property {boolean|null} [multiAgentGroups] UnityRLCapabilitiesProto multiAgentGroups
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityRLCapabilitiesProto.
         * @memberof communicator_objects
         * @interface IUnityRLCapabilitiesProto
         * @augments communicator_objects.UnityRLCapabilitiesProto.$Properties
         * @deprecated Use communicator_objects.UnityRLCapabilitiesProto.$Properties instead.
         */

        /**
         * Shape of a UnityRLCapabilitiesProto.
         * @typedef {communicator_objects.UnityRLCapabilitiesProto.$Properties} communicator_objects.UnityRLCapabilitiesProto.$Shape
         */

        /**
         * Constructs a new UnityRLCapabilitiesProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityRLCapabilitiesProto.
         * @constructor
         * @param {communicator_objects.UnityRLCapabilitiesProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityRLCapabilitiesProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityRLCapabilitiesProto baseRLCapabilities.
         * @member {boolean} baseRLCapabilities
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         */
        UnityRLCapabilitiesProto.prototype.baseRLCapabilities = false;

        /**
         * UnityRLCapabilitiesProto concatenatedPngObservations.
         * @member {boolean} concatenatedPngObservations
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         */
        UnityRLCapabilitiesProto.prototype.concatenatedPngObservations = false;

        /**
         * UnityRLCapabilitiesProto compressedChannelMapping.
         * @member {boolean} compressedChannelMapping
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         */
        UnityRLCapabilitiesProto.prototype.compressedChannelMapping = false;

        /**
         * UnityRLCapabilitiesProto hybridActions.
         * @member {boolean} hybridActions
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         */
        UnityRLCapabilitiesProto.prototype.hybridActions = false;

        /**
         * UnityRLCapabilitiesProto trainingAnalytics.
         * @member {boolean} trainingAnalytics
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         */
        UnityRLCapabilitiesProto.prototype.trainingAnalytics = false;

        /**
         * UnityRLCapabilitiesProto variableLengthObservation.
         * @member {boolean} variableLengthObservation
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         */
        UnityRLCapabilitiesProto.prototype.variableLengthObservation = false;

        /**
         * UnityRLCapabilitiesProto multiAgentGroups.
         * @member {boolean} multiAgentGroups
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         */
        UnityRLCapabilitiesProto.prototype.multiAgentGroups = false;

        /**
         * Creates a new UnityRLCapabilitiesProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {communicator_objects.UnityRLCapabilitiesProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityRLCapabilitiesProto} UnityRLCapabilitiesProto instance
         * @type {{
         *   (properties: communicator_objects.UnityRLCapabilitiesProto.$Shape): communicator_objects.UnityRLCapabilitiesProto & communicator_objects.UnityRLCapabilitiesProto.$Shape;
         *   (properties?: communicator_objects.UnityRLCapabilitiesProto.$Properties): communicator_objects.UnityRLCapabilitiesProto;
         * }}
         */
        UnityRLCapabilitiesProto.create = function(properties) {
            return new UnityRLCapabilitiesProto(properties);
        };

        /**
         * Encodes the specified UnityRLCapabilitiesProto message. Does not implicitly {@link communicator_objects.UnityRLCapabilitiesProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {communicator_objects.UnityRLCapabilitiesProto.$Properties} message UnityRLCapabilitiesProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLCapabilitiesProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.baseRLCapabilities != null && $Object.hasOwnProperty.call(message, "baseRLCapabilities") && message.baseRLCapabilities !== false)
                writer.uint32(/* id 1, wireType 0 =*/8).bool(message.baseRLCapabilities);
            if (message.concatenatedPngObservations != null && $Object.hasOwnProperty.call(message, "concatenatedPngObservations") && message.concatenatedPngObservations !== false)
                writer.uint32(/* id 2, wireType 0 =*/16).bool(message.concatenatedPngObservations);
            if (message.compressedChannelMapping != null && $Object.hasOwnProperty.call(message, "compressedChannelMapping") && message.compressedChannelMapping !== false)
                writer.uint32(/* id 3, wireType 0 =*/24).bool(message.compressedChannelMapping);
            if (message.hybridActions != null && $Object.hasOwnProperty.call(message, "hybridActions") && message.hybridActions !== false)
                writer.uint32(/* id 4, wireType 0 =*/32).bool(message.hybridActions);
            if (message.trainingAnalytics != null && $Object.hasOwnProperty.call(message, "trainingAnalytics") && message.trainingAnalytics !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.trainingAnalytics);
            if (message.variableLengthObservation != null && $Object.hasOwnProperty.call(message, "variableLengthObservation") && message.variableLengthObservation !== false)
                writer.uint32(/* id 6, wireType 0 =*/48).bool(message.variableLengthObservation);
            if (message.multiAgentGroups != null && $Object.hasOwnProperty.call(message, "multiAgentGroups") && message.multiAgentGroups !== false)
                writer.uint32(/* id 7, wireType 0 =*/56).bool(message.multiAgentGroups);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityRLCapabilitiesProto message, length delimited. Does not implicitly {@link communicator_objects.UnityRLCapabilitiesProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {communicator_objects.UnityRLCapabilitiesProto.$Properties} message UnityRLCapabilitiesProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLCapabilitiesProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityRLCapabilitiesProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityRLCapabilitiesProto & communicator_objects.UnityRLCapabilitiesProto.$Shape} UnityRLCapabilitiesProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLCapabilitiesProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.UnityRLCapabilitiesProto();
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
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.baseRLCapabilities = value;
                        else
                            delete message.baseRLCapabilities;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.concatenatedPngObservations = value;
                        else
                            delete message.concatenatedPngObservations;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.compressedChannelMapping = value;
                        else
                            delete message.compressedChannelMapping;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.hybridActions = value;
                        else
                            delete message.hybridActions;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.trainingAnalytics = value;
                        else
                            delete message.trainingAnalytics;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.variableLengthObservation = value;
                        else
                            delete message.variableLengthObservation;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.multiAgentGroups = value;
                        else
                            delete message.multiAgentGroups;
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
         * Decodes a UnityRLCapabilitiesProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityRLCapabilitiesProto & communicator_objects.UnityRLCapabilitiesProto.$Shape} UnityRLCapabilitiesProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLCapabilitiesProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityRLCapabilitiesProto message.
         * @function verify
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityRLCapabilitiesProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.baseRLCapabilities != null && $Object.hasOwnProperty.call(message, "baseRLCapabilities"))
                if (typeof message.baseRLCapabilities !== "boolean")
                    return "baseRLCapabilities: boolean expected";
            if (message.concatenatedPngObservations != null && $Object.hasOwnProperty.call(message, "concatenatedPngObservations"))
                if (typeof message.concatenatedPngObservations !== "boolean")
                    return "concatenatedPngObservations: boolean expected";
            if (message.compressedChannelMapping != null && $Object.hasOwnProperty.call(message, "compressedChannelMapping"))
                if (typeof message.compressedChannelMapping !== "boolean")
                    return "compressedChannelMapping: boolean expected";
            if (message.hybridActions != null && $Object.hasOwnProperty.call(message, "hybridActions"))
                if (typeof message.hybridActions !== "boolean")
                    return "hybridActions: boolean expected";
            if (message.trainingAnalytics != null && $Object.hasOwnProperty.call(message, "trainingAnalytics"))
                if (typeof message.trainingAnalytics !== "boolean")
                    return "trainingAnalytics: boolean expected";
            if (message.variableLengthObservation != null && $Object.hasOwnProperty.call(message, "variableLengthObservation"))
                if (typeof message.variableLengthObservation !== "boolean")
                    return "variableLengthObservation: boolean expected";
            if (message.multiAgentGroups != null && $Object.hasOwnProperty.call(message, "multiAgentGroups"))
                if (typeof message.multiAgentGroups !== "boolean")
                    return "multiAgentGroups: boolean expected";
            return null;
        };

        /**
         * Creates a UnityRLCapabilitiesProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityRLCapabilitiesProto} UnityRLCapabilitiesProto
         */
        UnityRLCapabilitiesProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityRLCapabilitiesProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityRLCapabilitiesProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityRLCapabilitiesProto();
            if (object.baseRLCapabilities != null)
                if (object.baseRLCapabilities)
                    message.baseRLCapabilities = $Boolean(object.baseRLCapabilities);
            if (object.concatenatedPngObservations != null)
                if (object.concatenatedPngObservations)
                    message.concatenatedPngObservations = $Boolean(object.concatenatedPngObservations);
            if (object.compressedChannelMapping != null)
                if (object.compressedChannelMapping)
                    message.compressedChannelMapping = $Boolean(object.compressedChannelMapping);
            if (object.hybridActions != null)
                if (object.hybridActions)
                    message.hybridActions = $Boolean(object.hybridActions);
            if (object.trainingAnalytics != null)
                if (object.trainingAnalytics)
                    message.trainingAnalytics = $Boolean(object.trainingAnalytics);
            if (object.variableLengthObservation != null)
                if (object.variableLengthObservation)
                    message.variableLengthObservation = $Boolean(object.variableLengthObservation);
            if (object.multiAgentGroups != null)
                if (object.multiAgentGroups)
                    message.multiAgentGroups = $Boolean(object.multiAgentGroups);
            return message;
        };

        /**
         * Creates a plain object from a UnityRLCapabilitiesProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {communicator_objects.UnityRLCapabilitiesProto} message UnityRLCapabilitiesProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityRLCapabilitiesProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.baseRLCapabilities = false;
                object.concatenatedPngObservations = false;
                object.compressedChannelMapping = false;
                object.hybridActions = false;
                object.trainingAnalytics = false;
                object.variableLengthObservation = false;
                object.multiAgentGroups = false;
            }
            if (message.baseRLCapabilities != null && $Object.hasOwnProperty.call(message, "baseRLCapabilities"))
                object.baseRLCapabilities = message.baseRLCapabilities;
            if (message.concatenatedPngObservations != null && $Object.hasOwnProperty.call(message, "concatenatedPngObservations"))
                object.concatenatedPngObservations = message.concatenatedPngObservations;
            if (message.compressedChannelMapping != null && $Object.hasOwnProperty.call(message, "compressedChannelMapping"))
                object.compressedChannelMapping = message.compressedChannelMapping;
            if (message.hybridActions != null && $Object.hasOwnProperty.call(message, "hybridActions"))
                object.hybridActions = message.hybridActions;
            if (message.trainingAnalytics != null && $Object.hasOwnProperty.call(message, "trainingAnalytics"))
                object.trainingAnalytics = message.trainingAnalytics;
            if (message.variableLengthObservation != null && $Object.hasOwnProperty.call(message, "variableLengthObservation"))
                object.variableLengthObservation = message.variableLengthObservation;
            if (message.multiAgentGroups != null && $Object.hasOwnProperty.call(message, "multiAgentGroups"))
                object.multiAgentGroups = message.multiAgentGroups;
            return object;
        };

        /**
         * Converts this UnityRLCapabilitiesProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityRLCapabilitiesProto.prototype.toJSON = function() {
            return UnityRLCapabilitiesProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityRLCapabilitiesProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityRLCapabilitiesProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityRLCapabilitiesProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityRLCapabilitiesProto";
        };

        return UnityRLCapabilitiesProto;
    })();

    /**
     * CommandProto enum.
     * @name communicator_objects.CommandProto
     * @enum {number}
     * @property {number} STEP=0 STEP value
     * @property {number} RESET=1 RESET value
     * @property {number} QUIT=2 QUIT value
     */
    communicator_objects.CommandProto = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "STEP"] = 0;
        values[valuesById[1] = "RESET"] = 1;
        values[valuesById[2] = "QUIT"] = 2;
        return values;
    })();

    communicator_objects.CustomResetParametersProto = (function() {

        /**
         * Properties of a CustomResetParametersProto.
         * @typedef {Object} communicator_objects.CustomResetParametersProto.$Properties
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CustomResetParametersProto.
         * @memberof communicator_objects
         * @interface ICustomResetParametersProto
         * @augments communicator_objects.CustomResetParametersProto.$Properties
         * @deprecated Use communicator_objects.CustomResetParametersProto.$Properties instead.
         */

        /**
         * Shape of a CustomResetParametersProto.
         * @typedef {communicator_objects.CustomResetParametersProto.$Properties} communicator_objects.CustomResetParametersProto.$Shape
         */

        /**
         * Constructs a new CustomResetParametersProto.
         * @memberof communicator_objects
         * @classdesc Represents a CustomResetParametersProto.
         * @constructor
         * @param {communicator_objects.CustomResetParametersProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CustomResetParametersProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Creates a new CustomResetParametersProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {communicator_objects.CustomResetParametersProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.CustomResetParametersProto} CustomResetParametersProto instance
         * @type {{
         *   (properties: communicator_objects.CustomResetParametersProto.$Shape): communicator_objects.CustomResetParametersProto & communicator_objects.CustomResetParametersProto.$Shape;
         *   (properties?: communicator_objects.CustomResetParametersProto.$Properties): communicator_objects.CustomResetParametersProto;
         * }}
         */
        CustomResetParametersProto.create = function(properties) {
            return new CustomResetParametersProto(properties);
        };

        /**
         * Encodes the specified CustomResetParametersProto message. Does not implicitly {@link communicator_objects.CustomResetParametersProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {communicator_objects.CustomResetParametersProto.$Properties} message CustomResetParametersProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CustomResetParametersProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified CustomResetParametersProto message, length delimited. Does not implicitly {@link communicator_objects.CustomResetParametersProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {communicator_objects.CustomResetParametersProto.$Properties} message CustomResetParametersProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CustomResetParametersProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a CustomResetParametersProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.CustomResetParametersProto & communicator_objects.CustomResetParametersProto.$Shape} CustomResetParametersProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CustomResetParametersProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.CustomResetParametersProto();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                reader.skipType(tag & 7, _depth, tag);
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
         * Decodes a CustomResetParametersProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.CustomResetParametersProto & communicator_objects.CustomResetParametersProto.$Shape} CustomResetParametersProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CustomResetParametersProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a CustomResetParametersProto message.
         * @function verify
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        CustomResetParametersProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            return null;
        };

        /**
         * Creates a CustomResetParametersProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.CustomResetParametersProto} CustomResetParametersProto
         */
        CustomResetParametersProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.CustomResetParametersProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.CustomResetParametersProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            return new $root.communicator_objects.CustomResetParametersProto();
        };

        /**
         * Creates a plain object from a CustomResetParametersProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {communicator_objects.CustomResetParametersProto} message CustomResetParametersProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        CustomResetParametersProto.toObject = function () {
            return {};
        };

        /**
         * Converts this CustomResetParametersProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.CustomResetParametersProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        CustomResetParametersProto.prototype.toJSON = function() {
            return CustomResetParametersProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for CustomResetParametersProto
         * @function getTypeUrl
         * @memberof communicator_objects.CustomResetParametersProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CustomResetParametersProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.CustomResetParametersProto";
        };

        return CustomResetParametersProto;
    })();

    communicator_objects.DemonstrationMetaProto = (function() {

        /**
         * Properties of a DemonstrationMetaProto.
         * @typedef {Object} communicator_objects.DemonstrationMetaProto.$Properties
         * @property {number|null} [apiVersion] DemonstrationMetaProto apiVersion
         * @property {string|null} [demonstrationName] DemonstrationMetaProto demonstrationName
         * @property {number|null} [numberSteps] DemonstrationMetaProto numberSteps
         * @property {number|null} [numberEpisodes] DemonstrationMetaProto numberEpisodes
         * @property {number|null} [meanReward] DemonstrationMetaProto meanReward
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DemonstrationMetaProto.
         * @memberof communicator_objects
         * @interface IDemonstrationMetaProto
         * @augments communicator_objects.DemonstrationMetaProto.$Properties
         * @deprecated Use communicator_objects.DemonstrationMetaProto.$Properties instead.
         */

        /**
         * Shape of a DemonstrationMetaProto.
         * @typedef {communicator_objects.DemonstrationMetaProto.$Properties} communicator_objects.DemonstrationMetaProto.$Shape
         */

        /**
         * Constructs a new DemonstrationMetaProto.
         * @memberof communicator_objects
         * @classdesc Represents a DemonstrationMetaProto.
         * @constructor
         * @param {communicator_objects.DemonstrationMetaProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DemonstrationMetaProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DemonstrationMetaProto apiVersion.
         * @member {number} apiVersion
         * @memberof communicator_objects.DemonstrationMetaProto
         * @instance
         */
        DemonstrationMetaProto.prototype.apiVersion = 0;

        /**
         * DemonstrationMetaProto demonstrationName.
         * @member {string} demonstrationName
         * @memberof communicator_objects.DemonstrationMetaProto
         * @instance
         */
        DemonstrationMetaProto.prototype.demonstrationName = "";

        /**
         * DemonstrationMetaProto numberSteps.
         * @member {number} numberSteps
         * @memberof communicator_objects.DemonstrationMetaProto
         * @instance
         */
        DemonstrationMetaProto.prototype.numberSteps = 0;

        /**
         * DemonstrationMetaProto numberEpisodes.
         * @member {number} numberEpisodes
         * @memberof communicator_objects.DemonstrationMetaProto
         * @instance
         */
        DemonstrationMetaProto.prototype.numberEpisodes = 0;

        /**
         * DemonstrationMetaProto meanReward.
         * @member {number} meanReward
         * @memberof communicator_objects.DemonstrationMetaProto
         * @instance
         */
        DemonstrationMetaProto.prototype.meanReward = 0;

        /**
         * Creates a new DemonstrationMetaProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {communicator_objects.DemonstrationMetaProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.DemonstrationMetaProto} DemonstrationMetaProto instance
         * @type {{
         *   (properties: communicator_objects.DemonstrationMetaProto.$Shape): communicator_objects.DemonstrationMetaProto & communicator_objects.DemonstrationMetaProto.$Shape;
         *   (properties?: communicator_objects.DemonstrationMetaProto.$Properties): communicator_objects.DemonstrationMetaProto;
         * }}
         */
        DemonstrationMetaProto.create = function(properties) {
            return new DemonstrationMetaProto(properties);
        };

        /**
         * Encodes the specified DemonstrationMetaProto message. Does not implicitly {@link communicator_objects.DemonstrationMetaProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {communicator_objects.DemonstrationMetaProto.$Properties} message DemonstrationMetaProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DemonstrationMetaProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.apiVersion != null && $Object.hasOwnProperty.call(message, "apiVersion") && message.apiVersion !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.apiVersion);
            if (message.demonstrationName != null && $Object.hasOwnProperty.call(message, "demonstrationName") && message.demonstrationName !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.demonstrationName);
            if (message.numberSteps != null && $Object.hasOwnProperty.call(message, "numberSteps") && message.numberSteps !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).int32(message.numberSteps);
            if (message.numberEpisodes != null && $Object.hasOwnProperty.call(message, "numberEpisodes") && message.numberEpisodes !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).int32(message.numberEpisodes);
            if (message.meanReward != null && $Object.hasOwnProperty.call(message, "meanReward") && !$Object.is(message.meanReward, 0))
                writer.uint32(/* id 5, wireType 5 =*/45).float(message.meanReward);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified DemonstrationMetaProto message, length delimited. Does not implicitly {@link communicator_objects.DemonstrationMetaProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {communicator_objects.DemonstrationMetaProto.$Properties} message DemonstrationMetaProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DemonstrationMetaProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a DemonstrationMetaProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.DemonstrationMetaProto & communicator_objects.DemonstrationMetaProto.$Shape} DemonstrationMetaProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DemonstrationMetaProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.DemonstrationMetaProto();
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
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.apiVersion = value;
                        else
                            delete message.apiVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.demonstrationName = value;
                        else
                            delete message.demonstrationName;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numberSteps = value;
                        else
                            delete message.numberSteps;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numberEpisodes = value;
                        else
                            delete message.numberEpisodes;
                        continue;
                    }
                case 5: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.meanReward = value;
                        else
                            delete message.meanReward;
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
         * Decodes a DemonstrationMetaProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.DemonstrationMetaProto & communicator_objects.DemonstrationMetaProto.$Shape} DemonstrationMetaProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DemonstrationMetaProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a DemonstrationMetaProto message.
         * @function verify
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        DemonstrationMetaProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.apiVersion != null && $Object.hasOwnProperty.call(message, "apiVersion"))
                if (!$util.isInteger(message.apiVersion))
                    return "apiVersion: integer expected";
            if (message.demonstrationName != null && $Object.hasOwnProperty.call(message, "demonstrationName"))
                if (!$util.isString(message.demonstrationName))
                    return "demonstrationName: string expected";
            if (message.numberSteps != null && $Object.hasOwnProperty.call(message, "numberSteps"))
                if (!$util.isInteger(message.numberSteps))
                    return "numberSteps: integer expected";
            if (message.numberEpisodes != null && $Object.hasOwnProperty.call(message, "numberEpisodes"))
                if (!$util.isInteger(message.numberEpisodes))
                    return "numberEpisodes: integer expected";
            if (message.meanReward != null && $Object.hasOwnProperty.call(message, "meanReward"))
                if (typeof message.meanReward !== "number")
                    return "meanReward: number expected";
            return null;
        };

        /**
         * Creates a DemonstrationMetaProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.DemonstrationMetaProto} DemonstrationMetaProto
         */
        DemonstrationMetaProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.DemonstrationMetaProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.DemonstrationMetaProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.DemonstrationMetaProto();
            if (object.apiVersion != null)
                if ($Number(object.apiVersion) !== 0)
                    message.apiVersion = object.apiVersion | 0;
            if (object.demonstrationName != null)
                if (typeof object.demonstrationName !== "string" || object.demonstrationName.length)
                    message.demonstrationName = $String(object.demonstrationName);
            if (object.numberSteps != null)
                if ($Number(object.numberSteps) !== 0)
                    message.numberSteps = object.numberSteps | 0;
            if (object.numberEpisodes != null)
                if ($Number(object.numberEpisodes) !== 0)
                    message.numberEpisodes = object.numberEpisodes | 0;
            if (object.meanReward != null)
                if (!$Object.is($Number(object.meanReward), 0))
                    message.meanReward = $Number(object.meanReward);
            return message;
        };

        /**
         * Creates a plain object from a DemonstrationMetaProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {communicator_objects.DemonstrationMetaProto} message DemonstrationMetaProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        DemonstrationMetaProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.apiVersion = 0;
                object.demonstrationName = "";
                object.numberSteps = 0;
                object.numberEpisodes = 0;
                object.meanReward = 0;
            }
            if (message.apiVersion != null && $Object.hasOwnProperty.call(message, "apiVersion"))
                object.apiVersion = message.apiVersion;
            if (message.demonstrationName != null && $Object.hasOwnProperty.call(message, "demonstrationName"))
                object.demonstrationName = message.demonstrationName;
            if (message.numberSteps != null && $Object.hasOwnProperty.call(message, "numberSteps"))
                object.numberSteps = message.numberSteps;
            if (message.numberEpisodes != null && $Object.hasOwnProperty.call(message, "numberEpisodes"))
                object.numberEpisodes = message.numberEpisodes;
            if (message.meanReward != null && $Object.hasOwnProperty.call(message, "meanReward"))
                object.meanReward = options.json && !$isFinite(message.meanReward) ? $String(message.meanReward) : message.meanReward;
            return object;
        };

        /**
         * Converts this DemonstrationMetaProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.DemonstrationMetaProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        DemonstrationMetaProto.prototype.toJSON = function() {
            return DemonstrationMetaProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for DemonstrationMetaProto
         * @function getTypeUrl
         * @memberof communicator_objects.DemonstrationMetaProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DemonstrationMetaProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.DemonstrationMetaProto";
        };

        return DemonstrationMetaProto;
    })();

    communicator_objects.EngineConfigurationProto = (function() {

        /**
         * Properties of an EngineConfigurationProto.
         * @typedef {Object} communicator_objects.EngineConfigurationProto.$Properties
         * @property {number|null} [width] EngineConfigurationProto width
         * @property {number|null} [height] EngineConfigurationProto height
         * @property {number|null} [qualityLevel] EngineConfigurationProto qualityLevel
         * @property {number|null} [timeScale] EngineConfigurationProto timeScale
         * @property {number|null} [targetFrameRate] EngineConfigurationProto targetFrameRate
         * @property {boolean|null} [showMonitor] EngineConfigurationProto showMonitor
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an EngineConfigurationProto.
         * @memberof communicator_objects
         * @interface IEngineConfigurationProto
         * @augments communicator_objects.EngineConfigurationProto.$Properties
         * @deprecated Use communicator_objects.EngineConfigurationProto.$Properties instead.
         */

        /**
         * Shape of an EngineConfigurationProto.
         * @typedef {communicator_objects.EngineConfigurationProto.$Properties} communicator_objects.EngineConfigurationProto.$Shape
         */

        /**
         * Constructs a new EngineConfigurationProto.
         * @memberof communicator_objects
         * @classdesc Represents an EngineConfigurationProto.
         * @constructor
         * @param {communicator_objects.EngineConfigurationProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const EngineConfigurationProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * EngineConfigurationProto width.
         * @member {number} width
         * @memberof communicator_objects.EngineConfigurationProto
         * @instance
         */
        EngineConfigurationProto.prototype.width = 0;

        /**
         * EngineConfigurationProto height.
         * @member {number} height
         * @memberof communicator_objects.EngineConfigurationProto
         * @instance
         */
        EngineConfigurationProto.prototype.height = 0;

        /**
         * EngineConfigurationProto qualityLevel.
         * @member {number} qualityLevel
         * @memberof communicator_objects.EngineConfigurationProto
         * @instance
         */
        EngineConfigurationProto.prototype.qualityLevel = 0;

        /**
         * EngineConfigurationProto timeScale.
         * @member {number} timeScale
         * @memberof communicator_objects.EngineConfigurationProto
         * @instance
         */
        EngineConfigurationProto.prototype.timeScale = 0;

        /**
         * EngineConfigurationProto targetFrameRate.
         * @member {number} targetFrameRate
         * @memberof communicator_objects.EngineConfigurationProto
         * @instance
         */
        EngineConfigurationProto.prototype.targetFrameRate = 0;

        /**
         * EngineConfigurationProto showMonitor.
         * @member {boolean} showMonitor
         * @memberof communicator_objects.EngineConfigurationProto
         * @instance
         */
        EngineConfigurationProto.prototype.showMonitor = false;

        /**
         * Creates a new EngineConfigurationProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {communicator_objects.EngineConfigurationProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.EngineConfigurationProto} EngineConfigurationProto instance
         * @type {{
         *   (properties: communicator_objects.EngineConfigurationProto.$Shape): communicator_objects.EngineConfigurationProto & communicator_objects.EngineConfigurationProto.$Shape;
         *   (properties?: communicator_objects.EngineConfigurationProto.$Properties): communicator_objects.EngineConfigurationProto;
         * }}
         */
        EngineConfigurationProto.create = function(properties) {
            return new EngineConfigurationProto(properties);
        };

        /**
         * Encodes the specified EngineConfigurationProto message. Does not implicitly {@link communicator_objects.EngineConfigurationProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {communicator_objects.EngineConfigurationProto.$Properties} message EngineConfigurationProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        EngineConfigurationProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.width != null && $Object.hasOwnProperty.call(message, "width") && message.width !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.width);
            if (message.height != null && $Object.hasOwnProperty.call(message, "height") && message.height !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).int32(message.height);
            if (message.qualityLevel != null && $Object.hasOwnProperty.call(message, "qualityLevel") && message.qualityLevel !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).int32(message.qualityLevel);
            if (message.timeScale != null && $Object.hasOwnProperty.call(message, "timeScale") && !$Object.is(message.timeScale, 0))
                writer.uint32(/* id 4, wireType 5 =*/37).float(message.timeScale);
            if (message.targetFrameRate != null && $Object.hasOwnProperty.call(message, "targetFrameRate") && message.targetFrameRate !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).int32(message.targetFrameRate);
            if (message.showMonitor != null && $Object.hasOwnProperty.call(message, "showMonitor") && message.showMonitor !== false)
                writer.uint32(/* id 6, wireType 0 =*/48).bool(message.showMonitor);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified EngineConfigurationProto message, length delimited. Does not implicitly {@link communicator_objects.EngineConfigurationProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {communicator_objects.EngineConfigurationProto.$Properties} message EngineConfigurationProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        EngineConfigurationProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes an EngineConfigurationProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.EngineConfigurationProto & communicator_objects.EngineConfigurationProto.$Shape} EngineConfigurationProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        EngineConfigurationProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.EngineConfigurationProto();
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
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.width = value;
                        else
                            delete message.width;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.height = value;
                        else
                            delete message.height;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.qualityLevel = value;
                        else
                            delete message.qualityLevel;
                        continue;
                    }
                case 4: {
                        if (wireType !== 5)
                            break;
                        if (!$Object.is(value = reader.float(), 0))
                            message.timeScale = value;
                        else
                            delete message.timeScale;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.targetFrameRate = value;
                        else
                            delete message.targetFrameRate;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.showMonitor = value;
                        else
                            delete message.showMonitor;
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
         * Decodes an EngineConfigurationProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.EngineConfigurationProto & communicator_objects.EngineConfigurationProto.$Shape} EngineConfigurationProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        EngineConfigurationProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies an EngineConfigurationProto message.
         * @function verify
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        EngineConfigurationProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                if (!$util.isInteger(message.width))
                    return "width: integer expected";
            if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                if (!$util.isInteger(message.height))
                    return "height: integer expected";
            if (message.qualityLevel != null && $Object.hasOwnProperty.call(message, "qualityLevel"))
                if (!$util.isInteger(message.qualityLevel))
                    return "qualityLevel: integer expected";
            if (message.timeScale != null && $Object.hasOwnProperty.call(message, "timeScale"))
                if (typeof message.timeScale !== "number")
                    return "timeScale: number expected";
            if (message.targetFrameRate != null && $Object.hasOwnProperty.call(message, "targetFrameRate"))
                if (!$util.isInteger(message.targetFrameRate))
                    return "targetFrameRate: integer expected";
            if (message.showMonitor != null && $Object.hasOwnProperty.call(message, "showMonitor"))
                if (typeof message.showMonitor !== "boolean")
                    return "showMonitor: boolean expected";
            return null;
        };

        /**
         * Creates an EngineConfigurationProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.EngineConfigurationProto} EngineConfigurationProto
         */
        EngineConfigurationProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.EngineConfigurationProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.EngineConfigurationProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.EngineConfigurationProto();
            if (object.width != null)
                if ($Number(object.width) !== 0)
                    message.width = object.width | 0;
            if (object.height != null)
                if ($Number(object.height) !== 0)
                    message.height = object.height | 0;
            if (object.qualityLevel != null)
                if ($Number(object.qualityLevel) !== 0)
                    message.qualityLevel = object.qualityLevel | 0;
            if (object.timeScale != null)
                if (!$Object.is($Number(object.timeScale), 0))
                    message.timeScale = $Number(object.timeScale);
            if (object.targetFrameRate != null)
                if ($Number(object.targetFrameRate) !== 0)
                    message.targetFrameRate = object.targetFrameRate | 0;
            if (object.showMonitor != null)
                if (object.showMonitor)
                    message.showMonitor = $Boolean(object.showMonitor);
            return message;
        };

        /**
         * Creates a plain object from an EngineConfigurationProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {communicator_objects.EngineConfigurationProto} message EngineConfigurationProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        EngineConfigurationProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.width = 0;
                object.height = 0;
                object.qualityLevel = 0;
                object.timeScale = 0;
                object.targetFrameRate = 0;
                object.showMonitor = false;
            }
            if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                object.width = message.width;
            if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                object.height = message.height;
            if (message.qualityLevel != null && $Object.hasOwnProperty.call(message, "qualityLevel"))
                object.qualityLevel = message.qualityLevel;
            if (message.timeScale != null && $Object.hasOwnProperty.call(message, "timeScale"))
                object.timeScale = options.json && !$isFinite(message.timeScale) ? $String(message.timeScale) : message.timeScale;
            if (message.targetFrameRate != null && $Object.hasOwnProperty.call(message, "targetFrameRate"))
                object.targetFrameRate = message.targetFrameRate;
            if (message.showMonitor != null && $Object.hasOwnProperty.call(message, "showMonitor"))
                object.showMonitor = message.showMonitor;
            return object;
        };

        /**
         * Converts this EngineConfigurationProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.EngineConfigurationProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        EngineConfigurationProto.prototype.toJSON = function() {
            return EngineConfigurationProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for EngineConfigurationProto
         * @function getTypeUrl
         * @memberof communicator_objects.EngineConfigurationProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        EngineConfigurationProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.EngineConfigurationProto";
        };

        return EngineConfigurationProto;
    })();

    communicator_objects.HeaderProto = (function() {

        /**
         * Properties of a HeaderProto.
         * @typedef {Object} communicator_objects.HeaderProto.$Properties
         * @property {number|null} [status] HeaderProto status
         * @property {string|null} [message] HeaderProto message
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a HeaderProto.
         * @memberof communicator_objects
         * @interface IHeaderProto
         * @augments communicator_objects.HeaderProto.$Properties
         * @deprecated Use communicator_objects.HeaderProto.$Properties instead.
         */

        /**
         * Shape of a HeaderProto.
         * @typedef {communicator_objects.HeaderProto.$Properties} communicator_objects.HeaderProto.$Shape
         */

        /**
         * Constructs a new HeaderProto.
         * @memberof communicator_objects
         * @classdesc Represents a HeaderProto.
         * @constructor
         * @param {communicator_objects.HeaderProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const HeaderProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * HeaderProto status.
         * @member {number} status
         * @memberof communicator_objects.HeaderProto
         * @instance
         */
        HeaderProto.prototype.status = 0;

        /**
         * HeaderProto message.
         * @member {string} message
         * @memberof communicator_objects.HeaderProto
         * @instance
         */
        HeaderProto.prototype.message = "";

        /**
         * Creates a new HeaderProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {communicator_objects.HeaderProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.HeaderProto} HeaderProto instance
         * @type {{
         *   (properties: communicator_objects.HeaderProto.$Shape): communicator_objects.HeaderProto & communicator_objects.HeaderProto.$Shape;
         *   (properties?: communicator_objects.HeaderProto.$Properties): communicator_objects.HeaderProto;
         * }}
         */
        HeaderProto.create = function(properties) {
            return new HeaderProto(properties);
        };

        /**
         * Encodes the specified HeaderProto message. Does not implicitly {@link communicator_objects.HeaderProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {communicator_objects.HeaderProto.$Properties} message HeaderProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        HeaderProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.status);
            if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified HeaderProto message, length delimited. Does not implicitly {@link communicator_objects.HeaderProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {communicator_objects.HeaderProto.$Properties} message HeaderProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        HeaderProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a HeaderProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.HeaderProto & communicator_objects.HeaderProto.$Shape} HeaderProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        HeaderProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.HeaderProto();
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
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.status = value;
                        else
                            delete message.status;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.message = value;
                        else
                            delete message.message;
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
         * Decodes a HeaderProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.HeaderProto & communicator_objects.HeaderProto.$Shape} HeaderProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        HeaderProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a HeaderProto message.
         * @function verify
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        HeaderProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                if (!$util.isInteger(message.status))
                    return "status: integer expected";
            if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                if (!$util.isString(message.message))
                    return "message: string expected";
            return null;
        };

        /**
         * Creates a HeaderProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.HeaderProto} HeaderProto
         */
        HeaderProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.HeaderProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.HeaderProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.HeaderProto();
            if (object.status != null)
                if ($Number(object.status) !== 0)
                    message.status = object.status | 0;
            if (object.message != null)
                if (typeof object.message !== "string" || object.message.length)
                    message.message = $String(object.message);
            return message;
        };

        /**
         * Creates a plain object from a HeaderProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {communicator_objects.HeaderProto} message HeaderProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        HeaderProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.status = 0;
                object.message = "";
            }
            if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                object.status = message.status;
            if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                object.message = message.message;
            return object;
        };

        /**
         * Converts this HeaderProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.HeaderProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        HeaderProto.prototype.toJSON = function() {
            return HeaderProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for HeaderProto
         * @function getTypeUrl
         * @memberof communicator_objects.HeaderProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        HeaderProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.HeaderProto";
        };

        return HeaderProto;
    })();

    communicator_objects.TrainingEnvironmentInitialized = (function() {

        /**
         * Properties of a TrainingEnvironmentInitialized.
         * @typedef {Object} communicator_objects.TrainingEnvironmentInitialized.$Properties
         * @property {string|null} [mlagentsVersion] TrainingEnvironmentInitialized mlagentsVersion
         * @property {string|null} [mlagentsEnvsVersion] TrainingEnvironmentInitialized mlagentsEnvsVersion
         * @property {string|null} [pythonVersion] TrainingEnvironmentInitialized pythonVersion
         * @property {string|null} [torchVersion] TrainingEnvironmentInitialized torchVersion
         * @property {string|null} [torchDeviceType] TrainingEnvironmentInitialized torchDeviceType
         * @property {number|null} [numEnvs] TrainingEnvironmentInitialized numEnvs
         * @property {number|null} [numEnvironmentParameters] TrainingEnvironmentInitialized numEnvironmentParameters
         * @property {string|null} [runOptions] TrainingEnvironmentInitialized runOptions
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TrainingEnvironmentInitialized.
         * @memberof communicator_objects
         * @interface ITrainingEnvironmentInitialized
         * @augments communicator_objects.TrainingEnvironmentInitialized.$Properties
         * @deprecated Use communicator_objects.TrainingEnvironmentInitialized.$Properties instead.
         */

        /**
         * Shape of a TrainingEnvironmentInitialized.
         * @typedef {communicator_objects.TrainingEnvironmentInitialized.$Properties} communicator_objects.TrainingEnvironmentInitialized.$Shape
         */

        /**
         * Constructs a new TrainingEnvironmentInitialized.
         * @memberof communicator_objects
         * @classdesc Represents a TrainingEnvironmentInitialized.
         * @constructor
         * @param {communicator_objects.TrainingEnvironmentInitialized.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TrainingEnvironmentInitialized = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TrainingEnvironmentInitialized mlagentsVersion.
         * @member {string} mlagentsVersion
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.mlagentsVersion = "";

        /**
         * TrainingEnvironmentInitialized mlagentsEnvsVersion.
         * @member {string} mlagentsEnvsVersion
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.mlagentsEnvsVersion = "";

        /**
         * TrainingEnvironmentInitialized pythonVersion.
         * @member {string} pythonVersion
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.pythonVersion = "";

        /**
         * TrainingEnvironmentInitialized torchVersion.
         * @member {string} torchVersion
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.torchVersion = "";

        /**
         * TrainingEnvironmentInitialized torchDeviceType.
         * @member {string} torchDeviceType
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.torchDeviceType = "";

        /**
         * TrainingEnvironmentInitialized numEnvs.
         * @member {number} numEnvs
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.numEnvs = 0;

        /**
         * TrainingEnvironmentInitialized numEnvironmentParameters.
         * @member {number} numEnvironmentParameters
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.numEnvironmentParameters = 0;

        /**
         * TrainingEnvironmentInitialized runOptions.
         * @member {string} runOptions
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         */
        TrainingEnvironmentInitialized.prototype.runOptions = "";

        /**
         * Creates a new TrainingEnvironmentInitialized instance using the specified properties.
         * @function create
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {communicator_objects.TrainingEnvironmentInitialized.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.TrainingEnvironmentInitialized} TrainingEnvironmentInitialized instance
         * @type {{
         *   (properties: communicator_objects.TrainingEnvironmentInitialized.$Shape): communicator_objects.TrainingEnvironmentInitialized & communicator_objects.TrainingEnvironmentInitialized.$Shape;
         *   (properties?: communicator_objects.TrainingEnvironmentInitialized.$Properties): communicator_objects.TrainingEnvironmentInitialized;
         * }}
         */
        TrainingEnvironmentInitialized.create = function(properties) {
            return new TrainingEnvironmentInitialized(properties);
        };

        /**
         * Encodes the specified TrainingEnvironmentInitialized message. Does not implicitly {@link communicator_objects.TrainingEnvironmentInitialized.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {communicator_objects.TrainingEnvironmentInitialized.$Properties} message TrainingEnvironmentInitialized message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TrainingEnvironmentInitialized.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.mlagentsVersion != null && $Object.hasOwnProperty.call(message, "mlagentsVersion") && message.mlagentsVersion !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.mlagentsVersion);
            if (message.mlagentsEnvsVersion != null && $Object.hasOwnProperty.call(message, "mlagentsEnvsVersion") && message.mlagentsEnvsVersion !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.mlagentsEnvsVersion);
            if (message.pythonVersion != null && $Object.hasOwnProperty.call(message, "pythonVersion") && message.pythonVersion !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.pythonVersion);
            if (message.torchVersion != null && $Object.hasOwnProperty.call(message, "torchVersion") && message.torchVersion !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.torchVersion);
            if (message.torchDeviceType != null && $Object.hasOwnProperty.call(message, "torchDeviceType") && message.torchDeviceType !== "")
                writer.uint32(/* id 5, wireType 2 =*/42).string(message.torchDeviceType);
            if (message.numEnvs != null && $Object.hasOwnProperty.call(message, "numEnvs") && message.numEnvs !== 0)
                writer.uint32(/* id 6, wireType 0 =*/48).int32(message.numEnvs);
            if (message.numEnvironmentParameters != null && $Object.hasOwnProperty.call(message, "numEnvironmentParameters") && message.numEnvironmentParameters !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).int32(message.numEnvironmentParameters);
            if (message.runOptions != null && $Object.hasOwnProperty.call(message, "runOptions") && message.runOptions !== "")
                writer.uint32(/* id 8, wireType 2 =*/66).string(message.runOptions);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified TrainingEnvironmentInitialized message, length delimited. Does not implicitly {@link communicator_objects.TrainingEnvironmentInitialized.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {communicator_objects.TrainingEnvironmentInitialized.$Properties} message TrainingEnvironmentInitialized message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TrainingEnvironmentInitialized.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a TrainingEnvironmentInitialized message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.TrainingEnvironmentInitialized & communicator_objects.TrainingEnvironmentInitialized.$Shape} TrainingEnvironmentInitialized
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TrainingEnvironmentInitialized.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.TrainingEnvironmentInitialized();
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
                            message.mlagentsVersion = value;
                        else
                            delete message.mlagentsVersion;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.mlagentsEnvsVersion = value;
                        else
                            delete message.mlagentsEnvsVersion;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.pythonVersion = value;
                        else
                            delete message.pythonVersion;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.torchVersion = value;
                        else
                            delete message.torchVersion;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.torchDeviceType = value;
                        else
                            delete message.torchDeviceType;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numEnvs = value;
                        else
                            delete message.numEnvs;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numEnvironmentParameters = value;
                        else
                            delete message.numEnvironmentParameters;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.runOptions = value;
                        else
                            delete message.runOptions;
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
         * Decodes a TrainingEnvironmentInitialized message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.TrainingEnvironmentInitialized & communicator_objects.TrainingEnvironmentInitialized.$Shape} TrainingEnvironmentInitialized
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TrainingEnvironmentInitialized.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a TrainingEnvironmentInitialized message.
         * @function verify
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        TrainingEnvironmentInitialized.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.mlagentsVersion != null && $Object.hasOwnProperty.call(message, "mlagentsVersion"))
                if (!$util.isString(message.mlagentsVersion))
                    return "mlagentsVersion: string expected";
            if (message.mlagentsEnvsVersion != null && $Object.hasOwnProperty.call(message, "mlagentsEnvsVersion"))
                if (!$util.isString(message.mlagentsEnvsVersion))
                    return "mlagentsEnvsVersion: string expected";
            if (message.pythonVersion != null && $Object.hasOwnProperty.call(message, "pythonVersion"))
                if (!$util.isString(message.pythonVersion))
                    return "pythonVersion: string expected";
            if (message.torchVersion != null && $Object.hasOwnProperty.call(message, "torchVersion"))
                if (!$util.isString(message.torchVersion))
                    return "torchVersion: string expected";
            if (message.torchDeviceType != null && $Object.hasOwnProperty.call(message, "torchDeviceType"))
                if (!$util.isString(message.torchDeviceType))
                    return "torchDeviceType: string expected";
            if (message.numEnvs != null && $Object.hasOwnProperty.call(message, "numEnvs"))
                if (!$util.isInteger(message.numEnvs))
                    return "numEnvs: integer expected";
            if (message.numEnvironmentParameters != null && $Object.hasOwnProperty.call(message, "numEnvironmentParameters"))
                if (!$util.isInteger(message.numEnvironmentParameters))
                    return "numEnvironmentParameters: integer expected";
            if (message.runOptions != null && $Object.hasOwnProperty.call(message, "runOptions"))
                if (!$util.isString(message.runOptions))
                    return "runOptions: string expected";
            return null;
        };

        /**
         * Creates a TrainingEnvironmentInitialized message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.TrainingEnvironmentInitialized} TrainingEnvironmentInitialized
         */
        TrainingEnvironmentInitialized.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.TrainingEnvironmentInitialized)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.TrainingEnvironmentInitialized: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.TrainingEnvironmentInitialized();
            if (object.mlagentsVersion != null)
                if (typeof object.mlagentsVersion !== "string" || object.mlagentsVersion.length)
                    message.mlagentsVersion = $String(object.mlagentsVersion);
            if (object.mlagentsEnvsVersion != null)
                if (typeof object.mlagentsEnvsVersion !== "string" || object.mlagentsEnvsVersion.length)
                    message.mlagentsEnvsVersion = $String(object.mlagentsEnvsVersion);
            if (object.pythonVersion != null)
                if (typeof object.pythonVersion !== "string" || object.pythonVersion.length)
                    message.pythonVersion = $String(object.pythonVersion);
            if (object.torchVersion != null)
                if (typeof object.torchVersion !== "string" || object.torchVersion.length)
                    message.torchVersion = $String(object.torchVersion);
            if (object.torchDeviceType != null)
                if (typeof object.torchDeviceType !== "string" || object.torchDeviceType.length)
                    message.torchDeviceType = $String(object.torchDeviceType);
            if (object.numEnvs != null)
                if ($Number(object.numEnvs) !== 0)
                    message.numEnvs = object.numEnvs | 0;
            if (object.numEnvironmentParameters != null)
                if ($Number(object.numEnvironmentParameters) !== 0)
                    message.numEnvironmentParameters = object.numEnvironmentParameters | 0;
            if (object.runOptions != null)
                if (typeof object.runOptions !== "string" || object.runOptions.length)
                    message.runOptions = $String(object.runOptions);
            return message;
        };

        /**
         * Creates a plain object from a TrainingEnvironmentInitialized message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {communicator_objects.TrainingEnvironmentInitialized} message TrainingEnvironmentInitialized
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        TrainingEnvironmentInitialized.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.mlagentsVersion = "";
                object.mlagentsEnvsVersion = "";
                object.pythonVersion = "";
                object.torchVersion = "";
                object.torchDeviceType = "";
                object.numEnvs = 0;
                object.numEnvironmentParameters = 0;
                object.runOptions = "";
            }
            if (message.mlagentsVersion != null && $Object.hasOwnProperty.call(message, "mlagentsVersion"))
                object.mlagentsVersion = message.mlagentsVersion;
            if (message.mlagentsEnvsVersion != null && $Object.hasOwnProperty.call(message, "mlagentsEnvsVersion"))
                object.mlagentsEnvsVersion = message.mlagentsEnvsVersion;
            if (message.pythonVersion != null && $Object.hasOwnProperty.call(message, "pythonVersion"))
                object.pythonVersion = message.pythonVersion;
            if (message.torchVersion != null && $Object.hasOwnProperty.call(message, "torchVersion"))
                object.torchVersion = message.torchVersion;
            if (message.torchDeviceType != null && $Object.hasOwnProperty.call(message, "torchDeviceType"))
                object.torchDeviceType = message.torchDeviceType;
            if (message.numEnvs != null && $Object.hasOwnProperty.call(message, "numEnvs"))
                object.numEnvs = message.numEnvs;
            if (message.numEnvironmentParameters != null && $Object.hasOwnProperty.call(message, "numEnvironmentParameters"))
                object.numEnvironmentParameters = message.numEnvironmentParameters;
            if (message.runOptions != null && $Object.hasOwnProperty.call(message, "runOptions"))
                object.runOptions = message.runOptions;
            return object;
        };

        /**
         * Converts this TrainingEnvironmentInitialized to JSON.
         * @function toJSON
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        TrainingEnvironmentInitialized.prototype.toJSON = function() {
            return TrainingEnvironmentInitialized.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for TrainingEnvironmentInitialized
         * @function getTypeUrl
         * @memberof communicator_objects.TrainingEnvironmentInitialized
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TrainingEnvironmentInitialized.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.TrainingEnvironmentInitialized";
        };

        return TrainingEnvironmentInitialized;
    })();

    communicator_objects.TrainingBehaviorInitialized = (function() {

        /**
         * Properties of a TrainingBehaviorInitialized.
         * @typedef {Object} communicator_objects.TrainingBehaviorInitialized.$Properties
         * @property {string|null} [behaviorName] TrainingBehaviorInitialized behaviorName
         * @property {string|null} [trainerType] TrainingBehaviorInitialized trainerType
         * @property {boolean|null} [extrinsicRewardEnabled] TrainingBehaviorInitialized extrinsicRewardEnabled
         * @property {boolean|null} [gailRewardEnabled] TrainingBehaviorInitialized gailRewardEnabled
         * @property {boolean|null} [curiosityRewardEnabled] TrainingBehaviorInitialized curiosityRewardEnabled
         * @property {boolean|null} [rndRewardEnabled] TrainingBehaviorInitialized rndRewardEnabled
         * @property {boolean|null} [behavioralCloningEnabled] TrainingBehaviorInitialized behavioralCloningEnabled
         * @property {boolean|null} [recurrentEnabled] TrainingBehaviorInitialized recurrentEnabled
         * @property {string|null} [visualEncoder] TrainingBehaviorInitialized visualEncoder
         * @property {number|null} [numNetworkLayers] TrainingBehaviorInitialized numNetworkLayers
         * @property {number|null} [numNetworkHiddenUnits] TrainingBehaviorInitialized numNetworkHiddenUnits
         * @property {boolean|null} [trainerThreaded] TrainingBehaviorInitialized trainerThreaded
         * @property {boolean|null} [selfPlayEnabled] TrainingBehaviorInitialized selfPlayEnabled
         * @property {boolean|null} [curriculumEnabled] TrainingBehaviorInitialized curriculumEnabled
         * @property {string|null} [config] TrainingBehaviorInitialized config
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TrainingBehaviorInitialized.
         * @memberof communicator_objects
         * @interface ITrainingBehaviorInitialized
         * @augments communicator_objects.TrainingBehaviorInitialized.$Properties
         * @deprecated Use communicator_objects.TrainingBehaviorInitialized.$Properties instead.
         */

        /**
         * Shape of a TrainingBehaviorInitialized.
         * @typedef {communicator_objects.TrainingBehaviorInitialized.$Properties} communicator_objects.TrainingBehaviorInitialized.$Shape
         */

        /**
         * Constructs a new TrainingBehaviorInitialized.
         * @memberof communicator_objects
         * @classdesc Represents a TrainingBehaviorInitialized.
         * @constructor
         * @param {communicator_objects.TrainingBehaviorInitialized.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TrainingBehaviorInitialized = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TrainingBehaviorInitialized behaviorName.
         * @member {string} behaviorName
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.behaviorName = "";

        /**
         * TrainingBehaviorInitialized trainerType.
         * @member {string} trainerType
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.trainerType = "";

        /**
         * TrainingBehaviorInitialized extrinsicRewardEnabled.
         * @member {boolean} extrinsicRewardEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.extrinsicRewardEnabled = false;

        /**
         * TrainingBehaviorInitialized gailRewardEnabled.
         * @member {boolean} gailRewardEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.gailRewardEnabled = false;

        /**
         * TrainingBehaviorInitialized curiosityRewardEnabled.
         * @member {boolean} curiosityRewardEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.curiosityRewardEnabled = false;

        /**
         * TrainingBehaviorInitialized rndRewardEnabled.
         * @member {boolean} rndRewardEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.rndRewardEnabled = false;

        /**
         * TrainingBehaviorInitialized behavioralCloningEnabled.
         * @member {boolean} behavioralCloningEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.behavioralCloningEnabled = false;

        /**
         * TrainingBehaviorInitialized recurrentEnabled.
         * @member {boolean} recurrentEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.recurrentEnabled = false;

        /**
         * TrainingBehaviorInitialized visualEncoder.
         * @member {string} visualEncoder
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.visualEncoder = "";

        /**
         * TrainingBehaviorInitialized numNetworkLayers.
         * @member {number} numNetworkLayers
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.numNetworkLayers = 0;

        /**
         * TrainingBehaviorInitialized numNetworkHiddenUnits.
         * @member {number} numNetworkHiddenUnits
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.numNetworkHiddenUnits = 0;

        /**
         * TrainingBehaviorInitialized trainerThreaded.
         * @member {boolean} trainerThreaded
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.trainerThreaded = false;

        /**
         * TrainingBehaviorInitialized selfPlayEnabled.
         * @member {boolean} selfPlayEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.selfPlayEnabled = false;

        /**
         * TrainingBehaviorInitialized curriculumEnabled.
         * @member {boolean} curriculumEnabled
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.curriculumEnabled = false;

        /**
         * TrainingBehaviorInitialized config.
         * @member {string} config
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         */
        TrainingBehaviorInitialized.prototype.config = "";

        /**
         * Creates a new TrainingBehaviorInitialized instance using the specified properties.
         * @function create
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {communicator_objects.TrainingBehaviorInitialized.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.TrainingBehaviorInitialized} TrainingBehaviorInitialized instance
         * @type {{
         *   (properties: communicator_objects.TrainingBehaviorInitialized.$Shape): communicator_objects.TrainingBehaviorInitialized & communicator_objects.TrainingBehaviorInitialized.$Shape;
         *   (properties?: communicator_objects.TrainingBehaviorInitialized.$Properties): communicator_objects.TrainingBehaviorInitialized;
         * }}
         */
        TrainingBehaviorInitialized.create = function(properties) {
            return new TrainingBehaviorInitialized(properties);
        };

        /**
         * Encodes the specified TrainingBehaviorInitialized message. Does not implicitly {@link communicator_objects.TrainingBehaviorInitialized.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {communicator_objects.TrainingBehaviorInitialized.$Properties} message TrainingBehaviorInitialized message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TrainingBehaviorInitialized.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.behaviorName != null && $Object.hasOwnProperty.call(message, "behaviorName") && message.behaviorName !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.behaviorName);
            if (message.trainerType != null && $Object.hasOwnProperty.call(message, "trainerType") && message.trainerType !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.trainerType);
            if (message.extrinsicRewardEnabled != null && $Object.hasOwnProperty.call(message, "extrinsicRewardEnabled") && message.extrinsicRewardEnabled !== false)
                writer.uint32(/* id 3, wireType 0 =*/24).bool(message.extrinsicRewardEnabled);
            if (message.gailRewardEnabled != null && $Object.hasOwnProperty.call(message, "gailRewardEnabled") && message.gailRewardEnabled !== false)
                writer.uint32(/* id 4, wireType 0 =*/32).bool(message.gailRewardEnabled);
            if (message.curiosityRewardEnabled != null && $Object.hasOwnProperty.call(message, "curiosityRewardEnabled") && message.curiosityRewardEnabled !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.curiosityRewardEnabled);
            if (message.rndRewardEnabled != null && $Object.hasOwnProperty.call(message, "rndRewardEnabled") && message.rndRewardEnabled !== false)
                writer.uint32(/* id 6, wireType 0 =*/48).bool(message.rndRewardEnabled);
            if (message.behavioralCloningEnabled != null && $Object.hasOwnProperty.call(message, "behavioralCloningEnabled") && message.behavioralCloningEnabled !== false)
                writer.uint32(/* id 7, wireType 0 =*/56).bool(message.behavioralCloningEnabled);
            if (message.recurrentEnabled != null && $Object.hasOwnProperty.call(message, "recurrentEnabled") && message.recurrentEnabled !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.recurrentEnabled);
            if (message.visualEncoder != null && $Object.hasOwnProperty.call(message, "visualEncoder") && message.visualEncoder !== "")
                writer.uint32(/* id 9, wireType 2 =*/74).string(message.visualEncoder);
            if (message.numNetworkLayers != null && $Object.hasOwnProperty.call(message, "numNetworkLayers") && message.numNetworkLayers !== 0)
                writer.uint32(/* id 10, wireType 0 =*/80).int32(message.numNetworkLayers);
            if (message.numNetworkHiddenUnits != null && $Object.hasOwnProperty.call(message, "numNetworkHiddenUnits") && message.numNetworkHiddenUnits !== 0)
                writer.uint32(/* id 11, wireType 0 =*/88).int32(message.numNetworkHiddenUnits);
            if (message.trainerThreaded != null && $Object.hasOwnProperty.call(message, "trainerThreaded") && message.trainerThreaded !== false)
                writer.uint32(/* id 12, wireType 0 =*/96).bool(message.trainerThreaded);
            if (message.selfPlayEnabled != null && $Object.hasOwnProperty.call(message, "selfPlayEnabled") && message.selfPlayEnabled !== false)
                writer.uint32(/* id 13, wireType 0 =*/104).bool(message.selfPlayEnabled);
            if (message.curriculumEnabled != null && $Object.hasOwnProperty.call(message, "curriculumEnabled") && message.curriculumEnabled !== false)
                writer.uint32(/* id 14, wireType 0 =*/112).bool(message.curriculumEnabled);
            if (message.config != null && $Object.hasOwnProperty.call(message, "config") && message.config !== "")
                writer.uint32(/* id 15, wireType 2 =*/122).string(message.config);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified TrainingBehaviorInitialized message, length delimited. Does not implicitly {@link communicator_objects.TrainingBehaviorInitialized.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {communicator_objects.TrainingBehaviorInitialized.$Properties} message TrainingBehaviorInitialized message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TrainingBehaviorInitialized.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a TrainingBehaviorInitialized message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.TrainingBehaviorInitialized & communicator_objects.TrainingBehaviorInitialized.$Shape} TrainingBehaviorInitialized
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TrainingBehaviorInitialized.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.TrainingBehaviorInitialized();
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
                            message.behaviorName = value;
                        else
                            delete message.behaviorName;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.trainerType = value;
                        else
                            delete message.trainerType;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.extrinsicRewardEnabled = value;
                        else
                            delete message.extrinsicRewardEnabled;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.gailRewardEnabled = value;
                        else
                            delete message.gailRewardEnabled;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.curiosityRewardEnabled = value;
                        else
                            delete message.curiosityRewardEnabled;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.rndRewardEnabled = value;
                        else
                            delete message.rndRewardEnabled;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.behavioralCloningEnabled = value;
                        else
                            delete message.behavioralCloningEnabled;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.recurrentEnabled = value;
                        else
                            delete message.recurrentEnabled;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.visualEncoder = value;
                        else
                            delete message.visualEncoder;
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numNetworkLayers = value;
                        else
                            delete message.numNetworkLayers;
                        continue;
                    }
                case 11: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numNetworkHiddenUnits = value;
                        else
                            delete message.numNetworkHiddenUnits;
                        continue;
                    }
                case 12: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.trainerThreaded = value;
                        else
                            delete message.trainerThreaded;
                        continue;
                    }
                case 13: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.selfPlayEnabled = value;
                        else
                            delete message.selfPlayEnabled;
                        continue;
                    }
                case 14: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.curriculumEnabled = value;
                        else
                            delete message.curriculumEnabled;
                        continue;
                    }
                case 15: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.config = value;
                        else
                            delete message.config;
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
         * Decodes a TrainingBehaviorInitialized message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.TrainingBehaviorInitialized & communicator_objects.TrainingBehaviorInitialized.$Shape} TrainingBehaviorInitialized
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TrainingBehaviorInitialized.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a TrainingBehaviorInitialized message.
         * @function verify
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        TrainingBehaviorInitialized.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.behaviorName != null && $Object.hasOwnProperty.call(message, "behaviorName"))
                if (!$util.isString(message.behaviorName))
                    return "behaviorName: string expected";
            if (message.trainerType != null && $Object.hasOwnProperty.call(message, "trainerType"))
                if (!$util.isString(message.trainerType))
                    return "trainerType: string expected";
            if (message.extrinsicRewardEnabled != null && $Object.hasOwnProperty.call(message, "extrinsicRewardEnabled"))
                if (typeof message.extrinsicRewardEnabled !== "boolean")
                    return "extrinsicRewardEnabled: boolean expected";
            if (message.gailRewardEnabled != null && $Object.hasOwnProperty.call(message, "gailRewardEnabled"))
                if (typeof message.gailRewardEnabled !== "boolean")
                    return "gailRewardEnabled: boolean expected";
            if (message.curiosityRewardEnabled != null && $Object.hasOwnProperty.call(message, "curiosityRewardEnabled"))
                if (typeof message.curiosityRewardEnabled !== "boolean")
                    return "curiosityRewardEnabled: boolean expected";
            if (message.rndRewardEnabled != null && $Object.hasOwnProperty.call(message, "rndRewardEnabled"))
                if (typeof message.rndRewardEnabled !== "boolean")
                    return "rndRewardEnabled: boolean expected";
            if (message.behavioralCloningEnabled != null && $Object.hasOwnProperty.call(message, "behavioralCloningEnabled"))
                if (typeof message.behavioralCloningEnabled !== "boolean")
                    return "behavioralCloningEnabled: boolean expected";
            if (message.recurrentEnabled != null && $Object.hasOwnProperty.call(message, "recurrentEnabled"))
                if (typeof message.recurrentEnabled !== "boolean")
                    return "recurrentEnabled: boolean expected";
            if (message.visualEncoder != null && $Object.hasOwnProperty.call(message, "visualEncoder"))
                if (!$util.isString(message.visualEncoder))
                    return "visualEncoder: string expected";
            if (message.numNetworkLayers != null && $Object.hasOwnProperty.call(message, "numNetworkLayers"))
                if (!$util.isInteger(message.numNetworkLayers))
                    return "numNetworkLayers: integer expected";
            if (message.numNetworkHiddenUnits != null && $Object.hasOwnProperty.call(message, "numNetworkHiddenUnits"))
                if (!$util.isInteger(message.numNetworkHiddenUnits))
                    return "numNetworkHiddenUnits: integer expected";
            if (message.trainerThreaded != null && $Object.hasOwnProperty.call(message, "trainerThreaded"))
                if (typeof message.trainerThreaded !== "boolean")
                    return "trainerThreaded: boolean expected";
            if (message.selfPlayEnabled != null && $Object.hasOwnProperty.call(message, "selfPlayEnabled"))
                if (typeof message.selfPlayEnabled !== "boolean")
                    return "selfPlayEnabled: boolean expected";
            if (message.curriculumEnabled != null && $Object.hasOwnProperty.call(message, "curriculumEnabled"))
                if (typeof message.curriculumEnabled !== "boolean")
                    return "curriculumEnabled: boolean expected";
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                if (!$util.isString(message.config))
                    return "config: string expected";
            return null;
        };

        /**
         * Creates a TrainingBehaviorInitialized message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.TrainingBehaviorInitialized} TrainingBehaviorInitialized
         */
        TrainingBehaviorInitialized.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.TrainingBehaviorInitialized)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.TrainingBehaviorInitialized: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.TrainingBehaviorInitialized();
            if (object.behaviorName != null)
                if (typeof object.behaviorName !== "string" || object.behaviorName.length)
                    message.behaviorName = $String(object.behaviorName);
            if (object.trainerType != null)
                if (typeof object.trainerType !== "string" || object.trainerType.length)
                    message.trainerType = $String(object.trainerType);
            if (object.extrinsicRewardEnabled != null)
                if (object.extrinsicRewardEnabled)
                    message.extrinsicRewardEnabled = $Boolean(object.extrinsicRewardEnabled);
            if (object.gailRewardEnabled != null)
                if (object.gailRewardEnabled)
                    message.gailRewardEnabled = $Boolean(object.gailRewardEnabled);
            if (object.curiosityRewardEnabled != null)
                if (object.curiosityRewardEnabled)
                    message.curiosityRewardEnabled = $Boolean(object.curiosityRewardEnabled);
            if (object.rndRewardEnabled != null)
                if (object.rndRewardEnabled)
                    message.rndRewardEnabled = $Boolean(object.rndRewardEnabled);
            if (object.behavioralCloningEnabled != null)
                if (object.behavioralCloningEnabled)
                    message.behavioralCloningEnabled = $Boolean(object.behavioralCloningEnabled);
            if (object.recurrentEnabled != null)
                if (object.recurrentEnabled)
                    message.recurrentEnabled = $Boolean(object.recurrentEnabled);
            if (object.visualEncoder != null)
                if (typeof object.visualEncoder !== "string" || object.visualEncoder.length)
                    message.visualEncoder = $String(object.visualEncoder);
            if (object.numNetworkLayers != null)
                if ($Number(object.numNetworkLayers) !== 0)
                    message.numNetworkLayers = object.numNetworkLayers | 0;
            if (object.numNetworkHiddenUnits != null)
                if ($Number(object.numNetworkHiddenUnits) !== 0)
                    message.numNetworkHiddenUnits = object.numNetworkHiddenUnits | 0;
            if (object.trainerThreaded != null)
                if (object.trainerThreaded)
                    message.trainerThreaded = $Boolean(object.trainerThreaded);
            if (object.selfPlayEnabled != null)
                if (object.selfPlayEnabled)
                    message.selfPlayEnabled = $Boolean(object.selfPlayEnabled);
            if (object.curriculumEnabled != null)
                if (object.curriculumEnabled)
                    message.curriculumEnabled = $Boolean(object.curriculumEnabled);
            if (object.config != null)
                if (typeof object.config !== "string" || object.config.length)
                    message.config = $String(object.config);
            return message;
        };

        /**
         * Creates a plain object from a TrainingBehaviorInitialized message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {communicator_objects.TrainingBehaviorInitialized} message TrainingBehaviorInitialized
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        TrainingBehaviorInitialized.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.behaviorName = "";
                object.trainerType = "";
                object.extrinsicRewardEnabled = false;
                object.gailRewardEnabled = false;
                object.curiosityRewardEnabled = false;
                object.rndRewardEnabled = false;
                object.behavioralCloningEnabled = false;
                object.recurrentEnabled = false;
                object.visualEncoder = "";
                object.numNetworkLayers = 0;
                object.numNetworkHiddenUnits = 0;
                object.trainerThreaded = false;
                object.selfPlayEnabled = false;
                object.curriculumEnabled = false;
                object.config = "";
            }
            if (message.behaviorName != null && $Object.hasOwnProperty.call(message, "behaviorName"))
                object.behaviorName = message.behaviorName;
            if (message.trainerType != null && $Object.hasOwnProperty.call(message, "trainerType"))
                object.trainerType = message.trainerType;
            if (message.extrinsicRewardEnabled != null && $Object.hasOwnProperty.call(message, "extrinsicRewardEnabled"))
                object.extrinsicRewardEnabled = message.extrinsicRewardEnabled;
            if (message.gailRewardEnabled != null && $Object.hasOwnProperty.call(message, "gailRewardEnabled"))
                object.gailRewardEnabled = message.gailRewardEnabled;
            if (message.curiosityRewardEnabled != null && $Object.hasOwnProperty.call(message, "curiosityRewardEnabled"))
                object.curiosityRewardEnabled = message.curiosityRewardEnabled;
            if (message.rndRewardEnabled != null && $Object.hasOwnProperty.call(message, "rndRewardEnabled"))
                object.rndRewardEnabled = message.rndRewardEnabled;
            if (message.behavioralCloningEnabled != null && $Object.hasOwnProperty.call(message, "behavioralCloningEnabled"))
                object.behavioralCloningEnabled = message.behavioralCloningEnabled;
            if (message.recurrentEnabled != null && $Object.hasOwnProperty.call(message, "recurrentEnabled"))
                object.recurrentEnabled = message.recurrentEnabled;
            if (message.visualEncoder != null && $Object.hasOwnProperty.call(message, "visualEncoder"))
                object.visualEncoder = message.visualEncoder;
            if (message.numNetworkLayers != null && $Object.hasOwnProperty.call(message, "numNetworkLayers"))
                object.numNetworkLayers = message.numNetworkLayers;
            if (message.numNetworkHiddenUnits != null && $Object.hasOwnProperty.call(message, "numNetworkHiddenUnits"))
                object.numNetworkHiddenUnits = message.numNetworkHiddenUnits;
            if (message.trainerThreaded != null && $Object.hasOwnProperty.call(message, "trainerThreaded"))
                object.trainerThreaded = message.trainerThreaded;
            if (message.selfPlayEnabled != null && $Object.hasOwnProperty.call(message, "selfPlayEnabled"))
                object.selfPlayEnabled = message.selfPlayEnabled;
            if (message.curriculumEnabled != null && $Object.hasOwnProperty.call(message, "curriculumEnabled"))
                object.curriculumEnabled = message.curriculumEnabled;
            if (message.config != null && $Object.hasOwnProperty.call(message, "config"))
                object.config = message.config;
            return object;
        };

        /**
         * Converts this TrainingBehaviorInitialized to JSON.
         * @function toJSON
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        TrainingBehaviorInitialized.prototype.toJSON = function() {
            return TrainingBehaviorInitialized.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for TrainingBehaviorInitialized
         * @function getTypeUrl
         * @memberof communicator_objects.TrainingBehaviorInitialized
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TrainingBehaviorInitialized.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.TrainingBehaviorInitialized";
        };

        return TrainingBehaviorInitialized;
    })();

    communicator_objects.UnityInputProto = (function() {

        /**
         * Properties of a UnityInputProto.
         * @typedef {Object} communicator_objects.UnityInputProto.$Properties
         * @property {communicator_objects.UnityRLInputProto.$Properties|null} [rlInput] UnityInputProto rlInput
         * @property {communicator_objects.UnityRLInitializationInputProto.$Properties|null} [rlInitializationInput] UnityInputProto rlInitializationInput
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityInputProto.
         * @memberof communicator_objects
         * @interface IUnityInputProto
         * @augments communicator_objects.UnityInputProto.$Properties
         * @deprecated Use communicator_objects.UnityInputProto.$Properties instead.
         */

        /**
         * Shape of a UnityInputProto.
         * @typedef {communicator_objects.UnityInputProto.$Properties} communicator_objects.UnityInputProto.$Shape
         */

        /**
         * Constructs a new UnityInputProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityInputProto.
         * @constructor
         * @param {communicator_objects.UnityInputProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityInputProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityInputProto rlInput.
         * @member {communicator_objects.UnityRLInputProto.$Properties|null|undefined} rlInput
         * @memberof communicator_objects.UnityInputProto
         * @instance
         */
        UnityInputProto.prototype.rlInput = null;

        /**
         * UnityInputProto rlInitializationInput.
         * @member {communicator_objects.UnityRLInitializationInputProto.$Properties|null|undefined} rlInitializationInput
         * @memberof communicator_objects.UnityInputProto
         * @instance
         */
        UnityInputProto.prototype.rlInitializationInput = null;

        /**
         * Creates a new UnityInputProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {communicator_objects.UnityInputProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityInputProto} UnityInputProto instance
         * @type {{
         *   (properties: communicator_objects.UnityInputProto.$Shape): communicator_objects.UnityInputProto & communicator_objects.UnityInputProto.$Shape;
         *   (properties?: communicator_objects.UnityInputProto.$Properties): communicator_objects.UnityInputProto;
         * }}
         */
        UnityInputProto.create = function(properties) {
            return new UnityInputProto(properties);
        };

        /**
         * Encodes the specified UnityInputProto message. Does not implicitly {@link communicator_objects.UnityInputProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {communicator_objects.UnityInputProto.$Properties} message UnityInputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityInputProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.rlInput != null && $Object.hasOwnProperty.call(message, "rlInput"))
                $root.communicator_objects.UnityRLInputProto.encode(message.rlInput, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.rlInitializationInput != null && $Object.hasOwnProperty.call(message, "rlInitializationInput"))
                $root.communicator_objects.UnityRLInitializationInputProto.encode(message.rlInitializationInput, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityInputProto message, length delimited. Does not implicitly {@link communicator_objects.UnityInputProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {communicator_objects.UnityInputProto.$Properties} message UnityInputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityInputProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityInputProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityInputProto & communicator_objects.UnityInputProto.$Shape} UnityInputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityInputProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.UnityInputProto();
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
                        message.rlInput = $root.communicator_objects.UnityRLInputProto.decode(reader, reader.size(), $undefined, _depth + 1, message.rlInput);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.rlInitializationInput = $root.communicator_objects.UnityRLInitializationInputProto.decode(reader, reader.size(), $undefined, _depth + 1, message.rlInitializationInput);
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
         * Decodes a UnityInputProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityInputProto & communicator_objects.UnityInputProto.$Shape} UnityInputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityInputProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityInputProto message.
         * @function verify
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityInputProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.rlInput != null && $Object.hasOwnProperty.call(message, "rlInput")) {
                let error = $root.communicator_objects.UnityRLInputProto.verify(message.rlInput, _depth + 1);
                if (error)
                    return "rlInput." + error;
            }
            if (message.rlInitializationInput != null && $Object.hasOwnProperty.call(message, "rlInitializationInput")) {
                let error = $root.communicator_objects.UnityRLInitializationInputProto.verify(message.rlInitializationInput, _depth + 1);
                if (error)
                    return "rlInitializationInput." + error;
            }
            return null;
        };

        /**
         * Creates a UnityInputProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityInputProto} UnityInputProto
         */
        UnityInputProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityInputProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityInputProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityInputProto();
            if (object.rlInput != null) {
                if (!$util.isObject(object.rlInput))
                    throw $TypeError(".communicator_objects.UnityInputProto.rlInput: object expected");
                message.rlInput = $root.communicator_objects.UnityRLInputProto.fromObject(object.rlInput, _depth + 1);
            }
            if (object.rlInitializationInput != null) {
                if (!$util.isObject(object.rlInitializationInput))
                    throw $TypeError(".communicator_objects.UnityInputProto.rlInitializationInput: object expected");
                message.rlInitializationInput = $root.communicator_objects.UnityRLInitializationInputProto.fromObject(object.rlInitializationInput, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a UnityInputProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {communicator_objects.UnityInputProto} message UnityInputProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityInputProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.rlInput = null;
                object.rlInitializationInput = null;
            }
            if (message.rlInput != null && $Object.hasOwnProperty.call(message, "rlInput"))
                object.rlInput = $root.communicator_objects.UnityRLInputProto.toObject(message.rlInput, options, _depth + 1);
            if (message.rlInitializationInput != null && $Object.hasOwnProperty.call(message, "rlInitializationInput"))
                object.rlInitializationInput = $root.communicator_objects.UnityRLInitializationInputProto.toObject(message.rlInitializationInput, options, _depth + 1);
            return object;
        };

        /**
         * Converts this UnityInputProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityInputProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityInputProto.prototype.toJSON = function() {
            return UnityInputProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityInputProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityInputProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityInputProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityInputProto";
        };

        return UnityInputProto;
    })();

    communicator_objects.UnityRLInputProto = (function() {

        /**
         * Properties of a UnityRLInputProto.
         * @typedef {Object} communicator_objects.UnityRLInputProto.$Properties
         * @property {Object.<string,communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties>|null} [agentActions] UnityRLInputProto agentActions
         * @property {communicator_objects.CommandProto|null} [command] UnityRLInputProto command
         * @property {Uint8Array|null} [sideChannel] UnityRLInputProto sideChannel
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityRLInputProto.
         * @memberof communicator_objects
         * @interface IUnityRLInputProto
         * @augments communicator_objects.UnityRLInputProto.$Properties
         * @deprecated Use communicator_objects.UnityRLInputProto.$Properties instead.
         */

        /**
         * Shape of a UnityRLInputProto.
         * @typedef {communicator_objects.UnityRLInputProto.$Properties} communicator_objects.UnityRLInputProto.$Shape
         */

        /**
         * Constructs a new UnityRLInputProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityRLInputProto.
         * @constructor
         * @param {communicator_objects.UnityRLInputProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityRLInputProto = function (properties) {
            this.agentActions = {};
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityRLInputProto agentActions.
         * @member {Object.<string,communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties>} agentActions
         * @memberof communicator_objects.UnityRLInputProto
         * @instance
         */
        UnityRLInputProto.prototype.agentActions = $util.emptyObject;

        /**
         * UnityRLInputProto command.
         * @member {communicator_objects.CommandProto} command
         * @memberof communicator_objects.UnityRLInputProto
         * @instance
         */
        UnityRLInputProto.prototype.command = 0;

        /**
         * UnityRLInputProto sideChannel.
         * @member {Uint8Array} sideChannel
         * @memberof communicator_objects.UnityRLInputProto
         * @instance
         */
        UnityRLInputProto.prototype.sideChannel = $util.newBuffer([]);

        /**
         * Creates a new UnityRLInputProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {communicator_objects.UnityRLInputProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityRLInputProto} UnityRLInputProto instance
         * @type {{
         *   (properties: communicator_objects.UnityRLInputProto.$Shape): communicator_objects.UnityRLInputProto & communicator_objects.UnityRLInputProto.$Shape;
         *   (properties?: communicator_objects.UnityRLInputProto.$Properties): communicator_objects.UnityRLInputProto;
         * }}
         */
        UnityRLInputProto.create = function(properties) {
            return new UnityRLInputProto(properties);
        };

        /**
         * Encodes the specified UnityRLInputProto message. Does not implicitly {@link communicator_objects.UnityRLInputProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {communicator_objects.UnityRLInputProto.$Properties} message UnityRLInputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLInputProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.agentActions != null && $Object.hasOwnProperty.call(message, "agentActions"))
                for (let keys = $Object.keys(message.agentActions), i = 0; i < keys.length; ++i) {
                    writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                    $root.communicator_objects.UnityRLInputProto.ListAgentActionProto.encode(message.agentActions[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                }
            if (message.command != null && $Object.hasOwnProperty.call(message, "command") && message.command !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).int32(message.command);
            if (message.sideChannel != null && $Object.hasOwnProperty.call(message, "sideChannel") && message.sideChannel.length)
                writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.sideChannel);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityRLInputProto message, length delimited. Does not implicitly {@link communicator_objects.UnityRLInputProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {communicator_objects.UnityRLInputProto.$Properties} message UnityRLInputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLInputProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityRLInputProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityRLInputProto & communicator_objects.UnityRLInputProto.$Shape} UnityRLInputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLInputProto.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, key, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.communicator_objects.UnityRLInputProto();
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
                        if (message.agentActions === $util.emptyObject)
                            message.agentActions = {};
                        let end2 = reader.size() + reader.pos;
                        if (end2 > reader.len)
                            throw $RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.tag();
                            wireType = tag2 & 7;
                            switch (tag2 >>>= 3) {
                            case 1:
                                if (wireType !== 2)
                                    break;
                                key = reader.stringVerify();
                                continue;
                            case 2:
                                if (wireType !== 2)
                                    break;
                                value = $root.communicator_objects.UnityRLInputProto.ListAgentActionProto.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                continue;
                            }
                            reader.skipType(wireType, _depth, tag2);
                        }
                        if (reader.pos !== end2)
                            throw $RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.agentActions, key);
                        message.agentActions[key] = value || new $root.communicator_objects.UnityRLInputProto.ListAgentActionProto();
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.command = value;
                        else
                            delete message.command;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.sideChannel = value;
                        else
                            delete message.sideChannel;
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
         * Decodes a UnityRLInputProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityRLInputProto & communicator_objects.UnityRLInputProto.$Shape} UnityRLInputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLInputProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityRLInputProto message.
         * @function verify
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityRLInputProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.agentActions != null && $Object.hasOwnProperty.call(message, "agentActions")) {
                if (!$util.isObject(message.agentActions))
                    return "agentActions: object expected";
                let key = $Object.keys(message.agentActions);
                for (let i = 0; i < key.length; ++i) {
                    let error = $root.communicator_objects.UnityRLInputProto.ListAgentActionProto.verify(message.agentActions[key[i]], _depth + 1);
                    if (error)
                        return "agentActions." + error;
                }
            }
            if (message.command != null && $Object.hasOwnProperty.call(message, "command"))
                if (typeof message.command !== "number" || (message.command | 0) !== message.command)
                    return "command: enum value expected";
            if (message.sideChannel != null && $Object.hasOwnProperty.call(message, "sideChannel"))
                if (!(message.sideChannel && typeof message.sideChannel.length === "number" || $util.isString(message.sideChannel)))
                    return "sideChannel: buffer expected";
            return null;
        };

        /**
         * Creates a UnityRLInputProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityRLInputProto} UnityRLInputProto
         */
        UnityRLInputProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityRLInputProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityRLInputProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityRLInputProto();
            if (object.agentActions) {
                if (!$util.isObject(object.agentActions))
                    throw $TypeError(".communicator_objects.UnityRLInputProto.agentActions: object expected");
                message.agentActions = {};
                for (let keys = $Object.keys(object.agentActions), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.agentActions, keys[i]);
                    if (!$util.isObject(object.agentActions[keys[i]]))
                        throw $TypeError(".communicator_objects.UnityRLInputProto.agentActions: object expected");
                    message.agentActions[keys[i]] = $root.communicator_objects.UnityRLInputProto.ListAgentActionProto.fromObject(object.agentActions[keys[i]], _depth + 1);
                }
            }
            if (object.command !== 0 && (typeof object.command !== "string" || $root.communicator_objects.CommandProto[object.command] !== 0))
                switch (object.command) {
                case "STEP":
                case 0:
                    message.command = 0;
                    break;
                case "RESET":
                case 1:
                    message.command = 1;
                    break;
                case "QUIT":
                case 2:
                    message.command = 2;
                    break;
                default:
                    if (typeof object.command === "number" && (object.command | 0) === object.command)
                        message.command = object.command;
                }
            if (object.sideChannel != null)
                if (object.sideChannel.length)
                    if (typeof object.sideChannel === "string")
                        $util.base64.decode(object.sideChannel, message.sideChannel = $util.newBuffer($util.base64.length(object.sideChannel)), 0);
                    else if (object.sideChannel.length >= 0)
                        message.sideChannel = object.sideChannel;
            return message;
        };

        /**
         * Creates a plain object from a UnityRLInputProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {communicator_objects.UnityRLInputProto} message UnityRLInputProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityRLInputProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.objects || options.defaults)
                object.agentActions = {};
            if (options.defaults) {
                object.command = options.enums === $String ? "STEP" : 0;
                if (options.bytes === $String)
                    object.sideChannel = "";
                else {
                    object.sideChannel = [];
                    if (options.bytes !== $Array)
                        object.sideChannel = $util.newBuffer(object.sideChannel);
                }
            }
            let keys2;
            if (message.agentActions && (keys2 = $Object.keys(message.agentActions)).length) {
                object.agentActions = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.agentActions, keys2[j]);
                    object.agentActions[keys2[j]] = $root.communicator_objects.UnityRLInputProto.ListAgentActionProto.toObject(message.agentActions[keys2[j]], options, _depth + 1);
                }
            }
            if (message.command != null && $Object.hasOwnProperty.call(message, "command"))
                object.command = options.enums === $String ? $root.communicator_objects.CommandProto[message.command] === $undefined ? message.command : $root.communicator_objects.CommandProto[message.command] : message.command;
            if (message.sideChannel != null && $Object.hasOwnProperty.call(message, "sideChannel"))
                object.sideChannel = options.bytes === $String ? $util.base64.encode(message.sideChannel, 0, message.sideChannel.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sideChannel) : message.sideChannel;
            return object;
        };

        /**
         * Converts this UnityRLInputProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityRLInputProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityRLInputProto.prototype.toJSON = function() {
            return UnityRLInputProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityRLInputProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityRLInputProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityRLInputProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityRLInputProto";
        };

        UnityRLInputProto.ListAgentActionProto = (function() {

            /**
             * Properties of a ListAgentActionProto.
             * @typedef {Object} communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties
             * @property {Array.<communicator_objects.AgentActionProto.$Properties>|null} [value] ListAgentActionProto value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ListAgentActionProto.
             * @memberof communicator_objects.UnityRLInputProto
             * @interface IListAgentActionProto
             * @augments communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties
             * @deprecated Use communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties instead.
             */

            /**
             * Shape of a ListAgentActionProto.
             * @typedef {communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties} communicator_objects.UnityRLInputProto.ListAgentActionProto.$Shape
             */

            /**
             * Constructs a new ListAgentActionProto.
             * @memberof communicator_objects.UnityRLInputProto
             * @classdesc Represents a ListAgentActionProto.
             * @constructor
             * @param {communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ListAgentActionProto = function (properties) {
                this.value = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ListAgentActionProto value.
             * @member {Array.<communicator_objects.AgentActionProto.$Properties>} value
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @instance
             */
            ListAgentActionProto.prototype.value = $util.emptyArray;

            /**
             * Creates a new ListAgentActionProto instance using the specified properties.
             * @function create
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties=} [properties] Properties to set
             * @returns {communicator_objects.UnityRLInputProto.ListAgentActionProto} ListAgentActionProto instance
             * @type {{
             *   (properties: communicator_objects.UnityRLInputProto.ListAgentActionProto.$Shape): communicator_objects.UnityRLInputProto.ListAgentActionProto & communicator_objects.UnityRLInputProto.ListAgentActionProto.$Shape;
             *   (properties?: communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties): communicator_objects.UnityRLInputProto.ListAgentActionProto;
             * }}
             */
            ListAgentActionProto.create = function(properties) {
                return new ListAgentActionProto(properties);
            };

            /**
             * Encodes the specified ListAgentActionProto message. Does not implicitly {@link communicator_objects.UnityRLInputProto.ListAgentActionProto.verify|verify} messages.
             * @function encode
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties} message ListAgentActionProto message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ListAgentActionProto.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.value != null && message.value.length)
                    for (let i = 0; i < message.value.length; ++i)
                        $root.communicator_objects.AgentActionProto.encode(message.value[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ListAgentActionProto message, length delimited. Does not implicitly {@link communicator_objects.UnityRLInputProto.ListAgentActionProto.verify|verify} messages.
             * @function encodeDelimited
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {communicator_objects.UnityRLInputProto.ListAgentActionProto.$Properties} message ListAgentActionProto message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ListAgentActionProto.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ListAgentActionProto message from the specified reader or buffer.
             * @function decode
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {communicator_objects.UnityRLInputProto.ListAgentActionProto & communicator_objects.UnityRLInputProto.ListAgentActionProto.$Shape} ListAgentActionProto
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListAgentActionProto.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.communicator_objects.UnityRLInputProto.ListAgentActionProto();
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
                            message.value.push($root.communicator_objects.AgentActionProto.decode(reader, reader.size(), $undefined, _depth + 1));
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
             * Decodes a ListAgentActionProto message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {communicator_objects.UnityRLInputProto.ListAgentActionProto & communicator_objects.UnityRLInputProto.ListAgentActionProto.$Shape} ListAgentActionProto
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListAgentActionProto.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ListAgentActionProto message.
             * @function verify
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ListAgentActionProto.verify = function (message, _depth) {
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
                        let error = $root.communicator_objects.AgentActionProto.verify(message.value[i], _depth + 1);
                        if (error)
                            return "value." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a ListAgentActionProto message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {communicator_objects.UnityRLInputProto.ListAgentActionProto} ListAgentActionProto
             */
            ListAgentActionProto.fromObject = function (object, _depth) {
                if (object instanceof $root.communicator_objects.UnityRLInputProto.ListAgentActionProto)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".communicator_objects.UnityRLInputProto.ListAgentActionProto: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.communicator_objects.UnityRLInputProto.ListAgentActionProto();
                if (object.value) {
                    if (!$Array.isArray(object.value))
                        throw $TypeError(".communicator_objects.UnityRLInputProto.ListAgentActionProto.value: array expected");
                    message.value = $Array(object.value.length);
                    for (let i = 0; i < object.value.length; ++i) {
                        if (!$util.isObject(object.value[i]))
                            throw $TypeError(".communicator_objects.UnityRLInputProto.ListAgentActionProto.value: object expected");
                        message.value[i] = $root.communicator_objects.AgentActionProto.fromObject(object.value[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a ListAgentActionProto message. Also converts values to other types if specified.
             * @function toObject
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {communicator_objects.UnityRLInputProto.ListAgentActionProto} message ListAgentActionProto
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ListAgentActionProto.toObject = function (message, options, _depth) {
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
                        object.value[j] = $root.communicator_objects.AgentActionProto.toObject(message.value[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this ListAgentActionProto to JSON.
             * @function toJSON
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ListAgentActionProto.prototype.toJSON = function() {
                return ListAgentActionProto.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ListAgentActionProto
             * @function getTypeUrl
             * @memberof communicator_objects.UnityRLInputProto.ListAgentActionProto
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ListAgentActionProto.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/communicator_objects.UnityRLInputProto.ListAgentActionProto";
            };

            return ListAgentActionProto;
        })();

        return UnityRLInputProto;
    })();

    communicator_objects.UnityRLInitializationInputProto = (function() {

        /**
         * Properties of a UnityRLInitializationInputProto.
         * @typedef {Object} communicator_objects.UnityRLInitializationInputProto.$Properties
         * @property {number|null} [seed] UnityRLInitializationInputProto seed
         * @property {string|null} [communicationVersion] UnityRLInitializationInputProto communicationVersion
         * @property {string|null} [packageVersion] UnityRLInitializationInputProto packageVersion
         * @property {communicator_objects.UnityRLCapabilitiesProto.$Properties|null} [capabilities] UnityRLInitializationInputProto capabilities
         * @property {number|null} [numAreas] UnityRLInitializationInputProto numAreas
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityRLInitializationInputProto.
         * @memberof communicator_objects
         * @interface IUnityRLInitializationInputProto
         * @augments communicator_objects.UnityRLInitializationInputProto.$Properties
         * @deprecated Use communicator_objects.UnityRLInitializationInputProto.$Properties instead.
         */

        /**
         * Shape of a UnityRLInitializationInputProto.
         * @typedef {communicator_objects.UnityRLInitializationInputProto.$Properties} communicator_objects.UnityRLInitializationInputProto.$Shape
         */

        /**
         * Constructs a new UnityRLInitializationInputProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityRLInitializationInputProto.
         * @constructor
         * @param {communicator_objects.UnityRLInitializationInputProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityRLInitializationInputProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityRLInitializationInputProto seed.
         * @member {number} seed
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @instance
         */
        UnityRLInitializationInputProto.prototype.seed = 0;

        /**
         * UnityRLInitializationInputProto communicationVersion.
         * @member {string} communicationVersion
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @instance
         */
        UnityRLInitializationInputProto.prototype.communicationVersion = "";

        /**
         * UnityRLInitializationInputProto packageVersion.
         * @member {string} packageVersion
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @instance
         */
        UnityRLInitializationInputProto.prototype.packageVersion = "";

        /**
         * UnityRLInitializationInputProto capabilities.
         * @member {communicator_objects.UnityRLCapabilitiesProto.$Properties|null|undefined} capabilities
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @instance
         */
        UnityRLInitializationInputProto.prototype.capabilities = null;

        /**
         * UnityRLInitializationInputProto numAreas.
         * @member {number} numAreas
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @instance
         */
        UnityRLInitializationInputProto.prototype.numAreas = 0;

        /**
         * Creates a new UnityRLInitializationInputProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationInputProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityRLInitializationInputProto} UnityRLInitializationInputProto instance
         * @type {{
         *   (properties: communicator_objects.UnityRLInitializationInputProto.$Shape): communicator_objects.UnityRLInitializationInputProto & communicator_objects.UnityRLInitializationInputProto.$Shape;
         *   (properties?: communicator_objects.UnityRLInitializationInputProto.$Properties): communicator_objects.UnityRLInitializationInputProto;
         * }}
         */
        UnityRLInitializationInputProto.create = function(properties) {
            return new UnityRLInitializationInputProto(properties);
        };

        /**
         * Encodes the specified UnityRLInitializationInputProto message. Does not implicitly {@link communicator_objects.UnityRLInitializationInputProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationInputProto.$Properties} message UnityRLInitializationInputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLInitializationInputProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.seed != null && $Object.hasOwnProperty.call(message, "seed") && message.seed !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.seed);
            if (message.communicationVersion != null && $Object.hasOwnProperty.call(message, "communicationVersion") && message.communicationVersion !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.communicationVersion);
            if (message.packageVersion != null && $Object.hasOwnProperty.call(message, "packageVersion") && message.packageVersion !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.packageVersion);
            if (message.capabilities != null && $Object.hasOwnProperty.call(message, "capabilities"))
                $root.communicator_objects.UnityRLCapabilitiesProto.encode(message.capabilities, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.numAreas != null && $Object.hasOwnProperty.call(message, "numAreas") && message.numAreas !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).int32(message.numAreas);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityRLInitializationInputProto message, length delimited. Does not implicitly {@link communicator_objects.UnityRLInitializationInputProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationInputProto.$Properties} message UnityRLInitializationInputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLInitializationInputProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityRLInitializationInputProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityRLInitializationInputProto & communicator_objects.UnityRLInitializationInputProto.$Shape} UnityRLInitializationInputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLInitializationInputProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.UnityRLInitializationInputProto();
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
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.seed = value;
                        else
                            delete message.seed;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.communicationVersion = value;
                        else
                            delete message.communicationVersion;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.packageVersion = value;
                        else
                            delete message.packageVersion;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.capabilities = $root.communicator_objects.UnityRLCapabilitiesProto.decode(reader, reader.size(), $undefined, _depth + 1, message.capabilities);
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.numAreas = value;
                        else
                            delete message.numAreas;
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
         * Decodes a UnityRLInitializationInputProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityRLInitializationInputProto & communicator_objects.UnityRLInitializationInputProto.$Shape} UnityRLInitializationInputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLInitializationInputProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityRLInitializationInputProto message.
         * @function verify
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityRLInitializationInputProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.seed != null && $Object.hasOwnProperty.call(message, "seed"))
                if (!$util.isInteger(message.seed))
                    return "seed: integer expected";
            if (message.communicationVersion != null && $Object.hasOwnProperty.call(message, "communicationVersion"))
                if (!$util.isString(message.communicationVersion))
                    return "communicationVersion: string expected";
            if (message.packageVersion != null && $Object.hasOwnProperty.call(message, "packageVersion"))
                if (!$util.isString(message.packageVersion))
                    return "packageVersion: string expected";
            if (message.capabilities != null && $Object.hasOwnProperty.call(message, "capabilities")) {
                let error = $root.communicator_objects.UnityRLCapabilitiesProto.verify(message.capabilities, _depth + 1);
                if (error)
                    return "capabilities." + error;
            }
            if (message.numAreas != null && $Object.hasOwnProperty.call(message, "numAreas"))
                if (!$util.isInteger(message.numAreas))
                    return "numAreas: integer expected";
            return null;
        };

        /**
         * Creates a UnityRLInitializationInputProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityRLInitializationInputProto} UnityRLInitializationInputProto
         */
        UnityRLInitializationInputProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityRLInitializationInputProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityRLInitializationInputProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityRLInitializationInputProto();
            if (object.seed != null)
                if ($Number(object.seed) !== 0)
                    message.seed = object.seed | 0;
            if (object.communicationVersion != null)
                if (typeof object.communicationVersion !== "string" || object.communicationVersion.length)
                    message.communicationVersion = $String(object.communicationVersion);
            if (object.packageVersion != null)
                if (typeof object.packageVersion !== "string" || object.packageVersion.length)
                    message.packageVersion = $String(object.packageVersion);
            if (object.capabilities != null) {
                if (!$util.isObject(object.capabilities))
                    throw $TypeError(".communicator_objects.UnityRLInitializationInputProto.capabilities: object expected");
                message.capabilities = $root.communicator_objects.UnityRLCapabilitiesProto.fromObject(object.capabilities, _depth + 1);
            }
            if (object.numAreas != null)
                if ($Number(object.numAreas) !== 0)
                    message.numAreas = object.numAreas | 0;
            return message;
        };

        /**
         * Creates a plain object from a UnityRLInitializationInputProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationInputProto} message UnityRLInitializationInputProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityRLInitializationInputProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.seed = 0;
                object.communicationVersion = "";
                object.packageVersion = "";
                object.capabilities = null;
                object.numAreas = 0;
            }
            if (message.seed != null && $Object.hasOwnProperty.call(message, "seed"))
                object.seed = message.seed;
            if (message.communicationVersion != null && $Object.hasOwnProperty.call(message, "communicationVersion"))
                object.communicationVersion = message.communicationVersion;
            if (message.packageVersion != null && $Object.hasOwnProperty.call(message, "packageVersion"))
                object.packageVersion = message.packageVersion;
            if (message.capabilities != null && $Object.hasOwnProperty.call(message, "capabilities"))
                object.capabilities = $root.communicator_objects.UnityRLCapabilitiesProto.toObject(message.capabilities, options, _depth + 1);
            if (message.numAreas != null && $Object.hasOwnProperty.call(message, "numAreas"))
                object.numAreas = message.numAreas;
            return object;
        };

        /**
         * Converts this UnityRLInitializationInputProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityRLInitializationInputProto.prototype.toJSON = function() {
            return UnityRLInitializationInputProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityRLInitializationInputProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityRLInitializationInputProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityRLInitializationInputProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityRLInitializationInputProto";
        };

        return UnityRLInitializationInputProto;
    })();

    communicator_objects.UnityMessageProto = (function() {

        /**
         * Properties of a UnityMessageProto.
         * @typedef {Object} communicator_objects.UnityMessageProto.$Properties
         * @property {communicator_objects.HeaderProto.$Properties|null} [header] UnityMessageProto header
         * @property {communicator_objects.UnityOutputProto.$Properties|null} [unityOutput] UnityMessageProto unityOutput
         * @property {communicator_objects.UnityInputProto.$Properties|null} [unityInput] UnityMessageProto unityInput
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityMessageProto.
         * @memberof communicator_objects
         * @interface IUnityMessageProto
         * @augments communicator_objects.UnityMessageProto.$Properties
         * @deprecated Use communicator_objects.UnityMessageProto.$Properties instead.
         */

        /**
         * Shape of a UnityMessageProto.
         * @typedef {{
         *   header?: communicator_objects.HeaderProto.$Shape|null;
         *   unityOutput?: communicator_objects.UnityOutputProto.$Shape|null;
         *   unityInput?: communicator_objects.UnityInputProto.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} communicator_objects.UnityMessageProto.$Shape
         */

        /**
         * Constructs a new UnityMessageProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityMessageProto.
         * @constructor
         * @param {communicator_objects.UnityMessageProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityMessageProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityMessageProto header.
         * @member {communicator_objects.HeaderProto.$Properties|null|undefined} header
         * @memberof communicator_objects.UnityMessageProto
         * @instance
         */
        UnityMessageProto.prototype.header = null;

        /**
         * UnityMessageProto unityOutput.
         * @member {communicator_objects.UnityOutputProto.$Properties|null|undefined} unityOutput
         * @memberof communicator_objects.UnityMessageProto
         * @instance
         */
        UnityMessageProto.prototype.unityOutput = null;

        /**
         * UnityMessageProto unityInput.
         * @member {communicator_objects.UnityInputProto.$Properties|null|undefined} unityInput
         * @memberof communicator_objects.UnityMessageProto
         * @instance
         */
        UnityMessageProto.prototype.unityInput = null;

        /**
         * Creates a new UnityMessageProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {communicator_objects.UnityMessageProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityMessageProto} UnityMessageProto instance
         * @type {{
         *   (properties: communicator_objects.UnityMessageProto.$Shape): communicator_objects.UnityMessageProto & communicator_objects.UnityMessageProto.$Shape;
         *   (properties?: communicator_objects.UnityMessageProto.$Properties): communicator_objects.UnityMessageProto;
         * }}
         */
        UnityMessageProto.create = function(properties) {
            return new UnityMessageProto(properties);
        };

        /**
         * Encodes the specified UnityMessageProto message. Does not implicitly {@link communicator_objects.UnityMessageProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {communicator_objects.UnityMessageProto.$Properties} message UnityMessageProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityMessageProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                $root.communicator_objects.HeaderProto.encode(message.header, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.unityOutput != null && $Object.hasOwnProperty.call(message, "unityOutput"))
                $root.communicator_objects.UnityOutputProto.encode(message.unityOutput, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.unityInput != null && $Object.hasOwnProperty.call(message, "unityInput"))
                $root.communicator_objects.UnityInputProto.encode(message.unityInput, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityMessageProto message, length delimited. Does not implicitly {@link communicator_objects.UnityMessageProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {communicator_objects.UnityMessageProto.$Properties} message UnityMessageProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityMessageProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityMessageProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityMessageProto & communicator_objects.UnityMessageProto.$Shape} UnityMessageProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityMessageProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.UnityMessageProto();
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
                        message.header = $root.communicator_objects.HeaderProto.decode(reader, reader.size(), $undefined, _depth + 1, message.header);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.unityOutput = $root.communicator_objects.UnityOutputProto.decode(reader, reader.size(), $undefined, _depth + 1, message.unityOutput);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.unityInput = $root.communicator_objects.UnityInputProto.decode(reader, reader.size(), $undefined, _depth + 1, message.unityInput);
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
         * Decodes a UnityMessageProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityMessageProto & communicator_objects.UnityMessageProto.$Shape} UnityMessageProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityMessageProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityMessageProto message.
         * @function verify
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityMessageProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.header != null && $Object.hasOwnProperty.call(message, "header")) {
                let error = $root.communicator_objects.HeaderProto.verify(message.header, _depth + 1);
                if (error)
                    return "header." + error;
            }
            if (message.unityOutput != null && $Object.hasOwnProperty.call(message, "unityOutput")) {
                let error = $root.communicator_objects.UnityOutputProto.verify(message.unityOutput, _depth + 1);
                if (error)
                    return "unityOutput." + error;
            }
            if (message.unityInput != null && $Object.hasOwnProperty.call(message, "unityInput")) {
                let error = $root.communicator_objects.UnityInputProto.verify(message.unityInput, _depth + 1);
                if (error)
                    return "unityInput." + error;
            }
            return null;
        };

        /**
         * Creates a UnityMessageProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityMessageProto} UnityMessageProto
         */
        UnityMessageProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityMessageProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityMessageProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityMessageProto();
            if (object.header != null) {
                if (!$util.isObject(object.header))
                    throw $TypeError(".communicator_objects.UnityMessageProto.header: object expected");
                message.header = $root.communicator_objects.HeaderProto.fromObject(object.header, _depth + 1);
            }
            if (object.unityOutput != null) {
                if (!$util.isObject(object.unityOutput))
                    throw $TypeError(".communicator_objects.UnityMessageProto.unityOutput: object expected");
                message.unityOutput = $root.communicator_objects.UnityOutputProto.fromObject(object.unityOutput, _depth + 1);
            }
            if (object.unityInput != null) {
                if (!$util.isObject(object.unityInput))
                    throw $TypeError(".communicator_objects.UnityMessageProto.unityInput: object expected");
                message.unityInput = $root.communicator_objects.UnityInputProto.fromObject(object.unityInput, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a UnityMessageProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {communicator_objects.UnityMessageProto} message UnityMessageProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityMessageProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.header = null;
                object.unityOutput = null;
                object.unityInput = null;
            }
            if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                object.header = $root.communicator_objects.HeaderProto.toObject(message.header, options, _depth + 1);
            if (message.unityOutput != null && $Object.hasOwnProperty.call(message, "unityOutput"))
                object.unityOutput = $root.communicator_objects.UnityOutputProto.toObject(message.unityOutput, options, _depth + 1);
            if (message.unityInput != null && $Object.hasOwnProperty.call(message, "unityInput"))
                object.unityInput = $root.communicator_objects.UnityInputProto.toObject(message.unityInput, options, _depth + 1);
            return object;
        };

        /**
         * Converts this UnityMessageProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityMessageProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityMessageProto.prototype.toJSON = function() {
            return UnityMessageProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityMessageProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityMessageProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityMessageProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityMessageProto";
        };

        return UnityMessageProto;
    })();

    communicator_objects.UnityOutputProto = (function() {

        /**
         * Properties of a UnityOutputProto.
         * @typedef {Object} communicator_objects.UnityOutputProto.$Properties
         * @property {communicator_objects.UnityRLOutputProto.$Properties|null} [rlOutput] UnityOutputProto rlOutput
         * @property {communicator_objects.UnityRLInitializationOutputProto.$Properties|null} [rlInitializationOutput] UnityOutputProto rlInitializationOutput
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityOutputProto.
         * @memberof communicator_objects
         * @interface IUnityOutputProto
         * @augments communicator_objects.UnityOutputProto.$Properties
         * @deprecated Use communicator_objects.UnityOutputProto.$Properties instead.
         */

        /**
         * Shape of a UnityOutputProto.
         * @typedef {{
         *   rlOutput?: communicator_objects.UnityRLOutputProto.$Shape|null;
         *   rlInitializationOutput?: communicator_objects.UnityRLInitializationOutputProto.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} communicator_objects.UnityOutputProto.$Shape
         */

        /**
         * Constructs a new UnityOutputProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityOutputProto.
         * @constructor
         * @param {communicator_objects.UnityOutputProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityOutputProto = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityOutputProto rlOutput.
         * @member {communicator_objects.UnityRLOutputProto.$Properties|null|undefined} rlOutput
         * @memberof communicator_objects.UnityOutputProto
         * @instance
         */
        UnityOutputProto.prototype.rlOutput = null;

        /**
         * UnityOutputProto rlInitializationOutput.
         * @member {communicator_objects.UnityRLInitializationOutputProto.$Properties|null|undefined} rlInitializationOutput
         * @memberof communicator_objects.UnityOutputProto
         * @instance
         */
        UnityOutputProto.prototype.rlInitializationOutput = null;

        /**
         * Creates a new UnityOutputProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {communicator_objects.UnityOutputProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityOutputProto} UnityOutputProto instance
         * @type {{
         *   (properties: communicator_objects.UnityOutputProto.$Shape): communicator_objects.UnityOutputProto & communicator_objects.UnityOutputProto.$Shape;
         *   (properties?: communicator_objects.UnityOutputProto.$Properties): communicator_objects.UnityOutputProto;
         * }}
         */
        UnityOutputProto.create = function(properties) {
            return new UnityOutputProto(properties);
        };

        /**
         * Encodes the specified UnityOutputProto message. Does not implicitly {@link communicator_objects.UnityOutputProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {communicator_objects.UnityOutputProto.$Properties} message UnityOutputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityOutputProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.rlOutput != null && $Object.hasOwnProperty.call(message, "rlOutput"))
                $root.communicator_objects.UnityRLOutputProto.encode(message.rlOutput, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.rlInitializationOutput != null && $Object.hasOwnProperty.call(message, "rlInitializationOutput"))
                $root.communicator_objects.UnityRLInitializationOutputProto.encode(message.rlInitializationOutput, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityOutputProto message, length delimited. Does not implicitly {@link communicator_objects.UnityOutputProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {communicator_objects.UnityOutputProto.$Properties} message UnityOutputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityOutputProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityOutputProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityOutputProto & communicator_objects.UnityOutputProto.$Shape} UnityOutputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityOutputProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.UnityOutputProto();
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
                        message.rlOutput = $root.communicator_objects.UnityRLOutputProto.decode(reader, reader.size(), $undefined, _depth + 1, message.rlOutput);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.rlInitializationOutput = $root.communicator_objects.UnityRLInitializationOutputProto.decode(reader, reader.size(), $undefined, _depth + 1, message.rlInitializationOutput);
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
         * Decodes a UnityOutputProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityOutputProto & communicator_objects.UnityOutputProto.$Shape} UnityOutputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityOutputProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityOutputProto message.
         * @function verify
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityOutputProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.rlOutput != null && $Object.hasOwnProperty.call(message, "rlOutput")) {
                let error = $root.communicator_objects.UnityRLOutputProto.verify(message.rlOutput, _depth + 1);
                if (error)
                    return "rlOutput." + error;
            }
            if (message.rlInitializationOutput != null && $Object.hasOwnProperty.call(message, "rlInitializationOutput")) {
                let error = $root.communicator_objects.UnityRLInitializationOutputProto.verify(message.rlInitializationOutput, _depth + 1);
                if (error)
                    return "rlInitializationOutput." + error;
            }
            return null;
        };

        /**
         * Creates a UnityOutputProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityOutputProto} UnityOutputProto
         */
        UnityOutputProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityOutputProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityOutputProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityOutputProto();
            if (object.rlOutput != null) {
                if (!$util.isObject(object.rlOutput))
                    throw $TypeError(".communicator_objects.UnityOutputProto.rlOutput: object expected");
                message.rlOutput = $root.communicator_objects.UnityRLOutputProto.fromObject(object.rlOutput, _depth + 1);
            }
            if (object.rlInitializationOutput != null) {
                if (!$util.isObject(object.rlInitializationOutput))
                    throw $TypeError(".communicator_objects.UnityOutputProto.rlInitializationOutput: object expected");
                message.rlInitializationOutput = $root.communicator_objects.UnityRLInitializationOutputProto.fromObject(object.rlInitializationOutput, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a UnityOutputProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {communicator_objects.UnityOutputProto} message UnityOutputProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityOutputProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.rlOutput = null;
                object.rlInitializationOutput = null;
            }
            if (message.rlOutput != null && $Object.hasOwnProperty.call(message, "rlOutput"))
                object.rlOutput = $root.communicator_objects.UnityRLOutputProto.toObject(message.rlOutput, options, _depth + 1);
            if (message.rlInitializationOutput != null && $Object.hasOwnProperty.call(message, "rlInitializationOutput"))
                object.rlInitializationOutput = $root.communicator_objects.UnityRLInitializationOutputProto.toObject(message.rlInitializationOutput, options, _depth + 1);
            return object;
        };

        /**
         * Converts this UnityOutputProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityOutputProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityOutputProto.prototype.toJSON = function() {
            return UnityOutputProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityOutputProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityOutputProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityOutputProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityOutputProto";
        };

        return UnityOutputProto;
    })();

    communicator_objects.UnityRLOutputProto = (function() {

        /**
         * Properties of a UnityRLOutputProto.
         * @typedef {Object} communicator_objects.UnityRLOutputProto.$Properties
         * @property {Object.<string,communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties>|null} [agentInfos] UnityRLOutputProto agentInfos
         * @property {Uint8Array|null} [sideChannel] UnityRLOutputProto sideChannel
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityRLOutputProto.
         * @memberof communicator_objects
         * @interface IUnityRLOutputProto
         * @augments communicator_objects.UnityRLOutputProto.$Properties
         * @deprecated Use communicator_objects.UnityRLOutputProto.$Properties instead.
         */

        /**
         * Shape of a UnityRLOutputProto.
         * @typedef {{
         *   agentInfos?: Object.<string,communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Shape>|null;
         *   sideChannel?: Uint8Array|null;
         *   $unknowns?: Array.<Uint8Array>;
         * }} communicator_objects.UnityRLOutputProto.$Shape
         */

        /**
         * Constructs a new UnityRLOutputProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityRLOutputProto.
         * @constructor
         * @param {communicator_objects.UnityRLOutputProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityRLOutputProto = function (properties) {
            this.agentInfos = {};
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityRLOutputProto agentInfos.
         * @member {Object.<string,communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties>} agentInfos
         * @memberof communicator_objects.UnityRLOutputProto
         * @instance
         */
        UnityRLOutputProto.prototype.agentInfos = $util.emptyObject;

        /**
         * UnityRLOutputProto sideChannel.
         * @member {Uint8Array} sideChannel
         * @memberof communicator_objects.UnityRLOutputProto
         * @instance
         */
        UnityRLOutputProto.prototype.sideChannel = $util.newBuffer([]);

        /**
         * Creates a new UnityRLOutputProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {communicator_objects.UnityRLOutputProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityRLOutputProto} UnityRLOutputProto instance
         * @type {{
         *   (properties: communicator_objects.UnityRLOutputProto.$Shape): communicator_objects.UnityRLOutputProto & communicator_objects.UnityRLOutputProto.$Shape;
         *   (properties?: communicator_objects.UnityRLOutputProto.$Properties): communicator_objects.UnityRLOutputProto;
         * }}
         */
        UnityRLOutputProto.create = function(properties) {
            return new UnityRLOutputProto(properties);
        };

        /**
         * Encodes the specified UnityRLOutputProto message. Does not implicitly {@link communicator_objects.UnityRLOutputProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {communicator_objects.UnityRLOutputProto.$Properties} message UnityRLOutputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLOutputProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.agentInfos != null && $Object.hasOwnProperty.call(message, "agentInfos"))
                for (let keys = $Object.keys(message.agentInfos), i = 0; i < keys.length; ++i) {
                    writer.uint32(/* id 2, wireType 2 =*/18).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                    $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto.encode(message.agentInfos[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
                }
            if (message.sideChannel != null && $Object.hasOwnProperty.call(message, "sideChannel") && message.sideChannel.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.sideChannel);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityRLOutputProto message, length delimited. Does not implicitly {@link communicator_objects.UnityRLOutputProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {communicator_objects.UnityRLOutputProto.$Properties} message UnityRLOutputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLOutputProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityRLOutputProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityRLOutputProto & communicator_objects.UnityRLOutputProto.$Shape} UnityRLOutputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLOutputProto.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, key, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.communicator_objects.UnityRLOutputProto();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (message.agentInfos === $util.emptyObject)
                            message.agentInfos = {};
                        let end2 = reader.size() + reader.pos;
                        if (end2 > reader.len)
                            throw $RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = null;
                        while (reader.pos < end2) {
                            let tag2 = reader.tag();
                            wireType = tag2 & 7;
                            switch (tag2 >>>= 3) {
                            case 1:
                                if (wireType !== 2)
                                    break;
                                key = reader.stringVerify();
                                continue;
                            case 2:
                                if (wireType !== 2)
                                    break;
                                value = $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto.decode(reader, reader.size(), $undefined, _depth + 1, value);
                                continue;
                            }
                            reader.skipType(wireType, _depth, tag2);
                        }
                        if (reader.pos !== end2)
                            throw $RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.agentInfos, key);
                        message.agentInfos[key] = value || new $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto();
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.sideChannel = value;
                        else
                            delete message.sideChannel;
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
         * Decodes a UnityRLOutputProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityRLOutputProto & communicator_objects.UnityRLOutputProto.$Shape} UnityRLOutputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLOutputProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityRLOutputProto message.
         * @function verify
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityRLOutputProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.agentInfos != null && $Object.hasOwnProperty.call(message, "agentInfos")) {
                if (!$util.isObject(message.agentInfos))
                    return "agentInfos: object expected";
                let key = $Object.keys(message.agentInfos);
                for (let i = 0; i < key.length; ++i) {
                    let error = $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto.verify(message.agentInfos[key[i]], _depth + 1);
                    if (error)
                        return "agentInfos." + error;
                }
            }
            if (message.sideChannel != null && $Object.hasOwnProperty.call(message, "sideChannel"))
                if (!(message.sideChannel && typeof message.sideChannel.length === "number" || $util.isString(message.sideChannel)))
                    return "sideChannel: buffer expected";
            return null;
        };

        /**
         * Creates a UnityRLOutputProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityRLOutputProto} UnityRLOutputProto
         */
        UnityRLOutputProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityRLOutputProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityRLOutputProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityRLOutputProto();
            if (object.agentInfos) {
                if (!$util.isObject(object.agentInfos))
                    throw $TypeError(".communicator_objects.UnityRLOutputProto.agentInfos: object expected");
                message.agentInfos = {};
                for (let keys = $Object.keys(object.agentInfos), i = 0; i < keys.length; ++i) {
                    if (keys[i] === "__proto__")
                        $util.makeProp(message.agentInfos, keys[i]);
                    if (!$util.isObject(object.agentInfos[keys[i]]))
                        throw $TypeError(".communicator_objects.UnityRLOutputProto.agentInfos: object expected");
                    message.agentInfos[keys[i]] = $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto.fromObject(object.agentInfos[keys[i]], _depth + 1);
                }
            }
            if (object.sideChannel != null)
                if (object.sideChannel.length)
                    if (typeof object.sideChannel === "string")
                        $util.base64.decode(object.sideChannel, message.sideChannel = $util.newBuffer($util.base64.length(object.sideChannel)), 0);
                    else if (object.sideChannel.length >= 0)
                        message.sideChannel = object.sideChannel;
            return message;
        };

        /**
         * Creates a plain object from a UnityRLOutputProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {communicator_objects.UnityRLOutputProto} message UnityRLOutputProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityRLOutputProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.objects || options.defaults)
                object.agentInfos = {};
            if (options.defaults)
                if (options.bytes === $String)
                    object.sideChannel = "";
                else {
                    object.sideChannel = [];
                    if (options.bytes !== $Array)
                        object.sideChannel = $util.newBuffer(object.sideChannel);
                }
            let keys2;
            if (message.agentInfos && (keys2 = $Object.keys(message.agentInfos)).length) {
                object.agentInfos = {};
                for (let j = 0; j < keys2.length; ++j) {
                    if (keys2[j] === "__proto__")
                        $util.makeProp(object.agentInfos, keys2[j]);
                    object.agentInfos[keys2[j]] = $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto.toObject(message.agentInfos[keys2[j]], options, _depth + 1);
                }
            }
            if (message.sideChannel != null && $Object.hasOwnProperty.call(message, "sideChannel"))
                object.sideChannel = options.bytes === $String ? $util.base64.encode(message.sideChannel, 0, message.sideChannel.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.sideChannel) : message.sideChannel;
            return object;
        };

        /**
         * Converts this UnityRLOutputProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityRLOutputProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityRLOutputProto.prototype.toJSON = function() {
            return UnityRLOutputProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityRLOutputProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityRLOutputProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityRLOutputProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityRLOutputProto";
        };

        UnityRLOutputProto.ListAgentInfoProto = (function() {

            /**
             * Properties of a ListAgentInfoProto.
             * @typedef {Object} communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties
             * @property {Array.<communicator_objects.AgentInfoProto.$Properties>|null} [value] ListAgentInfoProto value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ListAgentInfoProto.
             * @memberof communicator_objects.UnityRLOutputProto
             * @interface IListAgentInfoProto
             * @augments communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties
             * @deprecated Use communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties instead.
             */

            /**
             * Shape of a ListAgentInfoProto.
             * @typedef {{
             *   value?: Array.<communicator_objects.AgentInfoProto.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Shape
             */

            /**
             * Constructs a new ListAgentInfoProto.
             * @memberof communicator_objects.UnityRLOutputProto
             * @classdesc Represents a ListAgentInfoProto.
             * @constructor
             * @param {communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ListAgentInfoProto = function (properties) {
                this.value = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ListAgentInfoProto value.
             * @member {Array.<communicator_objects.AgentInfoProto.$Properties>} value
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @instance
             */
            ListAgentInfoProto.prototype.value = $util.emptyArray;

            /**
             * Creates a new ListAgentInfoProto instance using the specified properties.
             * @function create
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties=} [properties] Properties to set
             * @returns {communicator_objects.UnityRLOutputProto.ListAgentInfoProto} ListAgentInfoProto instance
             * @type {{
             *   (properties: communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Shape): communicator_objects.UnityRLOutputProto.ListAgentInfoProto & communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Shape;
             *   (properties?: communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties): communicator_objects.UnityRLOutputProto.ListAgentInfoProto;
             * }}
             */
            ListAgentInfoProto.create = function(properties) {
                return new ListAgentInfoProto(properties);
            };

            /**
             * Encodes the specified ListAgentInfoProto message. Does not implicitly {@link communicator_objects.UnityRLOutputProto.ListAgentInfoProto.verify|verify} messages.
             * @function encode
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties} message ListAgentInfoProto message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ListAgentInfoProto.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.value != null && message.value.length)
                    for (let i = 0; i < message.value.length; ++i)
                        $root.communicator_objects.AgentInfoProto.encode(message.value[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ListAgentInfoProto message, length delimited. Does not implicitly {@link communicator_objects.UnityRLOutputProto.ListAgentInfoProto.verify|verify} messages.
             * @function encodeDelimited
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Properties} message ListAgentInfoProto message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ListAgentInfoProto.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ListAgentInfoProto message from the specified reader or buffer.
             * @function decode
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {communicator_objects.UnityRLOutputProto.ListAgentInfoProto & communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Shape} ListAgentInfoProto
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListAgentInfoProto.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto();
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
                            message.value.push($root.communicator_objects.AgentInfoProto.decode(reader, reader.size(), $undefined, _depth + 1));
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
             * Decodes a ListAgentInfoProto message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {communicator_objects.UnityRLOutputProto.ListAgentInfoProto & communicator_objects.UnityRLOutputProto.ListAgentInfoProto.$Shape} ListAgentInfoProto
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListAgentInfoProto.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ListAgentInfoProto message.
             * @function verify
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ListAgentInfoProto.verify = function (message, _depth) {
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
                        let error = $root.communicator_objects.AgentInfoProto.verify(message.value[i], _depth + 1);
                        if (error)
                            return "value." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a ListAgentInfoProto message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {communicator_objects.UnityRLOutputProto.ListAgentInfoProto} ListAgentInfoProto
             */
            ListAgentInfoProto.fromObject = function (object, _depth) {
                if (object instanceof $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".communicator_objects.UnityRLOutputProto.ListAgentInfoProto: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.communicator_objects.UnityRLOutputProto.ListAgentInfoProto();
                if (object.value) {
                    if (!$Array.isArray(object.value))
                        throw $TypeError(".communicator_objects.UnityRLOutputProto.ListAgentInfoProto.value: array expected");
                    message.value = $Array(object.value.length);
                    for (let i = 0; i < object.value.length; ++i) {
                        if (!$util.isObject(object.value[i]))
                            throw $TypeError(".communicator_objects.UnityRLOutputProto.ListAgentInfoProto.value: object expected");
                        message.value[i] = $root.communicator_objects.AgentInfoProto.fromObject(object.value[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a ListAgentInfoProto message. Also converts values to other types if specified.
             * @function toObject
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {communicator_objects.UnityRLOutputProto.ListAgentInfoProto} message ListAgentInfoProto
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ListAgentInfoProto.toObject = function (message, options, _depth) {
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
                        object.value[j] = $root.communicator_objects.AgentInfoProto.toObject(message.value[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this ListAgentInfoProto to JSON.
             * @function toJSON
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ListAgentInfoProto.prototype.toJSON = function() {
                return ListAgentInfoProto.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ListAgentInfoProto
             * @function getTypeUrl
             * @memberof communicator_objects.UnityRLOutputProto.ListAgentInfoProto
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ListAgentInfoProto.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/communicator_objects.UnityRLOutputProto.ListAgentInfoProto";
            };

            return ListAgentInfoProto;
        })();

        return UnityRLOutputProto;
    })();

    communicator_objects.UnityRLInitializationOutputProto = (function() {

        /**
         * Properties of a UnityRLInitializationOutputProto.
         * @typedef {Object} communicator_objects.UnityRLInitializationOutputProto.$Properties
         * @property {string|null} [name] UnityRLInitializationOutputProto name
         * @property {string|null} [communicationVersion] UnityRLInitializationOutputProto communicationVersion
         * @property {string|null} [logPath] UnityRLInitializationOutputProto logPath
         * @property {Array.<communicator_objects.BrainParametersProto.$Properties>|null} [brainParameters] UnityRLInitializationOutputProto brainParameters
         * @property {string|null} [packageVersion] UnityRLInitializationOutputProto packageVersion
         * @property {communicator_objects.UnityRLCapabilitiesProto.$Properties|null} [capabilities] UnityRLInitializationOutputProto capabilities
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a UnityRLInitializationOutputProto.
         * @memberof communicator_objects
         * @interface IUnityRLInitializationOutputProto
         * @augments communicator_objects.UnityRLInitializationOutputProto.$Properties
         * @deprecated Use communicator_objects.UnityRLInitializationOutputProto.$Properties instead.
         */

        /**
         * Shape of a UnityRLInitializationOutputProto.
         * @typedef {communicator_objects.UnityRLInitializationOutputProto.$Properties} communicator_objects.UnityRLInitializationOutputProto.$Shape
         */

        /**
         * Constructs a new UnityRLInitializationOutputProto.
         * @memberof communicator_objects
         * @classdesc Represents a UnityRLInitializationOutputProto.
         * @constructor
         * @param {communicator_objects.UnityRLInitializationOutputProto.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UnityRLInitializationOutputProto = function (properties) {
            this.brainParameters = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * UnityRLInitializationOutputProto name.
         * @member {string} name
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @instance
         */
        UnityRLInitializationOutputProto.prototype.name = "";

        /**
         * UnityRLInitializationOutputProto communicationVersion.
         * @member {string} communicationVersion
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @instance
         */
        UnityRLInitializationOutputProto.prototype.communicationVersion = "";

        /**
         * UnityRLInitializationOutputProto logPath.
         * @member {string} logPath
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @instance
         */
        UnityRLInitializationOutputProto.prototype.logPath = "";

        /**
         * UnityRLInitializationOutputProto brainParameters.
         * @member {Array.<communicator_objects.BrainParametersProto.$Properties>} brainParameters
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @instance
         */
        UnityRLInitializationOutputProto.prototype.brainParameters = $util.emptyArray;

        /**
         * UnityRLInitializationOutputProto packageVersion.
         * @member {string} packageVersion
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @instance
         */
        UnityRLInitializationOutputProto.prototype.packageVersion = "";

        /**
         * UnityRLInitializationOutputProto capabilities.
         * @member {communicator_objects.UnityRLCapabilitiesProto.$Properties|null|undefined} capabilities
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @instance
         */
        UnityRLInitializationOutputProto.prototype.capabilities = null;

        /**
         * Creates a new UnityRLInitializationOutputProto instance using the specified properties.
         * @function create
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationOutputProto.$Properties=} [properties] Properties to set
         * @returns {communicator_objects.UnityRLInitializationOutputProto} UnityRLInitializationOutputProto instance
         * @type {{
         *   (properties: communicator_objects.UnityRLInitializationOutputProto.$Shape): communicator_objects.UnityRLInitializationOutputProto & communicator_objects.UnityRLInitializationOutputProto.$Shape;
         *   (properties?: communicator_objects.UnityRLInitializationOutputProto.$Properties): communicator_objects.UnityRLInitializationOutputProto;
         * }}
         */
        UnityRLInitializationOutputProto.create = function(properties) {
            return new UnityRLInitializationOutputProto(properties);
        };

        /**
         * Encodes the specified UnityRLInitializationOutputProto message. Does not implicitly {@link communicator_objects.UnityRLInitializationOutputProto.verify|verify} messages.
         * @function encode
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationOutputProto.$Properties} message UnityRLInitializationOutputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLInitializationOutputProto.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
            if (message.communicationVersion != null && $Object.hasOwnProperty.call(message, "communicationVersion") && message.communicationVersion !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.communicationVersion);
            if (message.logPath != null && $Object.hasOwnProperty.call(message, "logPath") && message.logPath !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.logPath);
            if (message.brainParameters != null && message.brainParameters.length)
                for (let i = 0; i < message.brainParameters.length; ++i)
                    $root.communicator_objects.BrainParametersProto.encode(message.brainParameters[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
            if (message.packageVersion != null && $Object.hasOwnProperty.call(message, "packageVersion") && message.packageVersion !== "")
                writer.uint32(/* id 7, wireType 2 =*/58).string(message.packageVersion);
            if (message.capabilities != null && $Object.hasOwnProperty.call(message, "capabilities"))
                $root.communicator_objects.UnityRLCapabilitiesProto.encode(message.capabilities, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Encodes the specified UnityRLInitializationOutputProto message, length delimited. Does not implicitly {@link communicator_objects.UnityRLInitializationOutputProto.verify|verify} messages.
         * @function encodeDelimited
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationOutputProto.$Properties} message UnityRLInitializationOutputProto message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UnityRLInitializationOutputProto.encodeDelimited = function(message, writer) {
            return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
        };

        /**
         * Decodes a UnityRLInitializationOutputProto message from the specified reader or buffer.
         * @function decode
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {communicator_objects.UnityRLInitializationOutputProto & communicator_objects.UnityRLInitializationOutputProto.$Shape} UnityRLInitializationOutputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLInitializationOutputProto.decode = function (reader, length, _end, _depth, _target) {
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
            message = _target || new $root.communicator_objects.UnityRLInitializationOutputProto();
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
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.communicationVersion = value;
                        else
                            delete message.communicationVersion;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.logPath = value;
                        else
                            delete message.logPath;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.brainParameters && message.brainParameters.length))
                            message.brainParameters = [];
                        message.brainParameters.push($root.communicator_objects.BrainParametersProto.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.packageVersion = value;
                        else
                            delete message.packageVersion;
                        continue;
                    }
                case 8: {
                        if (wireType !== 2)
                            break;
                        message.capabilities = $root.communicator_objects.UnityRLCapabilitiesProto.decode(reader, reader.size(), $undefined, _depth + 1, message.capabilities);
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
         * Decodes a UnityRLInitializationOutputProto message from the specified reader or buffer, length delimited.
         * @function decodeDelimited
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @returns {communicator_objects.UnityRLInitializationOutputProto & communicator_objects.UnityRLInitializationOutputProto.$Shape} UnityRLInitializationOutputProto
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UnityRLInitializationOutputProto.decodeDelimited = function(reader) {
            if (!(reader instanceof $Reader))
                reader = new $Reader(reader);
            return this.decode(reader, reader.size());
        };

        /**
         * Verifies a UnityRLInitializationOutputProto message.
         * @function verify
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {Object.<string,*>} message Plain object to verify
         * @returns {string|null} `null` if valid, otherwise the reason why it is not
         */
        UnityRLInitializationOutputProto.verify = function (message, _depth) {
            if (typeof message !== "object" || message === null)
                return "object expected";
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                return "max depth exceeded";
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                if (!$util.isString(message.name))
                    return "name: string expected";
            if (message.communicationVersion != null && $Object.hasOwnProperty.call(message, "communicationVersion"))
                if (!$util.isString(message.communicationVersion))
                    return "communicationVersion: string expected";
            if (message.logPath != null && $Object.hasOwnProperty.call(message, "logPath"))
                if (!$util.isString(message.logPath))
                    return "logPath: string expected";
            if (message.brainParameters != null && $Object.hasOwnProperty.call(message, "brainParameters")) {
                if (!$Array.isArray(message.brainParameters))
                    return "brainParameters: array expected";
                for (let i = 0; i < message.brainParameters.length; ++i) {
                    let error = $root.communicator_objects.BrainParametersProto.verify(message.brainParameters[i], _depth + 1);
                    if (error)
                        return "brainParameters." + error;
                }
            }
            if (message.packageVersion != null && $Object.hasOwnProperty.call(message, "packageVersion"))
                if (!$util.isString(message.packageVersion))
                    return "packageVersion: string expected";
            if (message.capabilities != null && $Object.hasOwnProperty.call(message, "capabilities")) {
                let error = $root.communicator_objects.UnityRLCapabilitiesProto.verify(message.capabilities, _depth + 1);
                if (error)
                    return "capabilities." + error;
            }
            return null;
        };

        /**
         * Creates a UnityRLInitializationOutputProto message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {communicator_objects.UnityRLInitializationOutputProto} UnityRLInitializationOutputProto
         */
        UnityRLInitializationOutputProto.fromObject = function (object, _depth) {
            if (object instanceof $root.communicator_objects.UnityRLInitializationOutputProto)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".communicator_objects.UnityRLInitializationOutputProto: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.communicator_objects.UnityRLInitializationOutputProto();
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            if (object.communicationVersion != null)
                if (typeof object.communicationVersion !== "string" || object.communicationVersion.length)
                    message.communicationVersion = $String(object.communicationVersion);
            if (object.logPath != null)
                if (typeof object.logPath !== "string" || object.logPath.length)
                    message.logPath = $String(object.logPath);
            if (object.brainParameters) {
                if (!$Array.isArray(object.brainParameters))
                    throw $TypeError(".communicator_objects.UnityRLInitializationOutputProto.brainParameters: array expected");
                message.brainParameters = $Array(object.brainParameters.length);
                for (let i = 0; i < object.brainParameters.length; ++i) {
                    if (!$util.isObject(object.brainParameters[i]))
                        throw $TypeError(".communicator_objects.UnityRLInitializationOutputProto.brainParameters: object expected");
                    message.brainParameters[i] = $root.communicator_objects.BrainParametersProto.fromObject(object.brainParameters[i], _depth + 1);
                }
            }
            if (object.packageVersion != null)
                if (typeof object.packageVersion !== "string" || object.packageVersion.length)
                    message.packageVersion = $String(object.packageVersion);
            if (object.capabilities != null) {
                if (!$util.isObject(object.capabilities))
                    throw $TypeError(".communicator_objects.UnityRLInitializationOutputProto.capabilities: object expected");
                message.capabilities = $root.communicator_objects.UnityRLCapabilitiesProto.fromObject(object.capabilities, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from a UnityRLInitializationOutputProto message. Also converts values to other types if specified.
         * @function toObject
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {communicator_objects.UnityRLInitializationOutputProto} message UnityRLInitializationOutputProto
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UnityRLInitializationOutputProto.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.brainParameters = [];
            if (options.defaults) {
                object.name = "";
                object.communicationVersion = "";
                object.logPath = "";
                object.packageVersion = "";
                object.capabilities = null;
            }
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.communicationVersion != null && $Object.hasOwnProperty.call(message, "communicationVersion"))
                object.communicationVersion = message.communicationVersion;
            if (message.logPath != null && $Object.hasOwnProperty.call(message, "logPath"))
                object.logPath = message.logPath;
            if (message.brainParameters && message.brainParameters.length) {
                object.brainParameters = $Array(message.brainParameters.length);
                for (let j = 0; j < message.brainParameters.length; ++j)
                    object.brainParameters[j] = $root.communicator_objects.BrainParametersProto.toObject(message.brainParameters[j], options, _depth + 1);
            }
            if (message.packageVersion != null && $Object.hasOwnProperty.call(message, "packageVersion"))
                object.packageVersion = message.packageVersion;
            if (message.capabilities != null && $Object.hasOwnProperty.call(message, "capabilities"))
                object.capabilities = $root.communicator_objects.UnityRLCapabilitiesProto.toObject(message.capabilities, options, _depth + 1);
            return object;
        };

        /**
         * Converts this UnityRLInitializationOutputProto to JSON.
         * @function toJSON
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UnityRLInitializationOutputProto.prototype.toJSON = function() {
            return UnityRLInitializationOutputProto.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UnityRLInitializationOutputProto
         * @function getTypeUrl
         * @memberof communicator_objects.UnityRLInitializationOutputProto
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UnityRLInitializationOutputProto.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/communicator_objects.UnityRLInitializationOutputProto";
        };

        return UnityRLInitializationOutputProto;
    })();

    communicator_objects.UnityToExternalProto = (function() {

        /**
         * Constructs a new UnityToExternalProto service.
         * @memberof communicator_objects
         * @classdesc Represents a UnityToExternalProto
         * @extends $protobuf.rpc.Service
         * @constructor
         * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
         * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
         * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
         */
        const UnityToExternalProto = function(rpcImpl, requestDelimited, responseDelimited) {
            $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
        };

        $Object.defineProperty(UnityToExternalProto.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: UnityToExternalProto, writable: true, enumerable: false, configurable: true });

        /**
         * Creates new UnityToExternalProto service using the specified rpc implementation.
         * @function create
         * @memberof communicator_objects.UnityToExternalProto
         * @static
         * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
         * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
         * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
         * @returns {UnityToExternalProto} RPC service. Useful where requests and/or responses are streamed.
         */
        UnityToExternalProto.create = function(rpcImpl, requestDelimited, responseDelimited) {
            return new this(rpcImpl, requestDelimited, responseDelimited);
        };

        /**
         * Callback as used by {@link communicator_objects.UnityToExternalProto#exchange}.
         * @memberof communicator_objects.UnityToExternalProto
         * @typedef ExchangeCallback
         * @type {function}
         * @param {Error|null} error Error, if any
         * @param {communicator_objects.UnityMessageProto} [response] UnityMessageProto
         */

        /**
         * Calls Exchange.
         * @memberof communicator_objects.UnityToExternalProto
         * @typedef Exchange
         * @type {{
         *   (request: communicator_objects.IUnityMessageProto, callback: communicator_objects.UnityToExternalProto.ExchangeCallback): void;
         *   (request: communicator_objects.IUnityMessageProto): Promise<communicator_objects.UnityMessageProto>;
         *   readonly name: "Exchange";
         *   readonly path: "/communicator_objects.UnityToExternalProto/Exchange";
         *   readonly requestType: "UnityMessageProto";
         *   readonly responseType: "UnityMessageProto";
         *   readonly requestStream: undefined;
         *   readonly responseStream: undefined;
         * }}
         */

        /**
         * Calls Exchange.
         * @name communicator_objects.UnityToExternalProto#exchange
         * @type {communicator_objects.UnityToExternalProto.Exchange}
         */
        $Object.defineProperties(UnityToExternalProto.prototype.exchange = function(request, callback) {
            return $protobuf.rpc.Service.prototype.rpcCall.call(this, UnityToExternalProto.prototype.exchange, $root.communicator_objects.UnityMessageProto, $root.communicator_objects.UnityMessageProto, request, callback);
        }, {
            name: { value: "Exchange" },
            path: { value: "/communicator_objects.UnityToExternalProto/Exchange" },
            requestType: { value: "UnityMessageProto" },
            responseType: { value: "UnityMessageProto" },
            requestStream: { value: $undefined },
            responseStream: { value: $undefined }
        });

        return UnityToExternalProto;
    })();

    return communicator_objects;
})();

export const google = $root.google = (() => {

    /**
     * Namespace google.
     * @exports google
     * @namespace
     */
    const google = {};

    google.protobuf = (function() {

        /**
         * Namespace protobuf.
         * @memberof google
         * @namespace
         */
        const protobuf = {};

        protobuf.Any = (function() {

            /**
             * Properties of an Any.
             * @typedef {Object} google.protobuf.Any.$Properties
             * @property {string|null} [type_url] Any type_url
             * @property {Uint8Array|null} [value] Any value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Any.
             * @memberof google.protobuf
             * @interface IAny
             * @augments google.protobuf.Any.$Properties
             * @deprecated Use google.protobuf.Any.$Properties instead.
             */

            /**
             * Shape of an Any.
             * @typedef {google.protobuf.Any.$Properties} google.protobuf.Any.$Shape
             */

            /**
             * Constructs a new Any.
             * @memberof google.protobuf
             * @classdesc Represents an Any.
             * @constructor
             * @param {google.protobuf.Any.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Any = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Any type_url.
             * @member {string} type_url
             * @memberof google.protobuf.Any
             * @instance
             */
            Any.prototype.type_url = "";

            /**
             * Any value.
             * @member {Uint8Array} value
             * @memberof google.protobuf.Any
             * @instance
             */
            Any.prototype.value = $util.newBuffer([]);

            /**
             * Creates a new Any instance using the specified properties.
             * @function create
             * @memberof google.protobuf.Any
             * @static
             * @param {google.protobuf.Any.$Properties=} [properties] Properties to set
             * @returns {google.protobuf.Any} Any instance
             * @type {{
             *   (properties: google.protobuf.Any.$Shape): google.protobuf.Any & google.protobuf.Any.$Shape;
             *   (properties?: google.protobuf.Any.$Properties): google.protobuf.Any;
             * }}
             */
            Any.create = function(properties) {
                return new Any(properties);
            };

            /**
             * Encodes the specified Any message. Does not implicitly {@link google.protobuf.Any.verify|verify} messages.
             * @function encode
             * @memberof google.protobuf.Any
             * @static
             * @param {google.protobuf.Any.$Properties} message Any message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Any.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type_url != null && $Object.hasOwnProperty.call(message, "type_url") && message.type_url !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.type_url);
                if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.value);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Any message, length delimited. Does not implicitly {@link google.protobuf.Any.verify|verify} messages.
             * @function encodeDelimited
             * @memberof google.protobuf.Any
             * @static
             * @param {google.protobuf.Any.$Properties} message Any message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Any.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Any message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Any
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Any & google.protobuf.Any.$Shape} Any
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Any.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.google.protobuf.Any();
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
                                message.type_url = value;
                            else
                                delete message.type_url;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.value = value;
                            else
                                delete message.value;
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
             * Decodes an Any message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof google.protobuf.Any
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {google.protobuf.Any & google.protobuf.Any.$Shape} Any
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Any.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Any message.
             * @function verify
             * @memberof google.protobuf.Any
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Any.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.type_url != null && $Object.hasOwnProperty.call(message, "type_url"))
                    if (!$util.isString(message.type_url))
                        return "type_url: string expected";
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    if (!(message.value && typeof message.value.length === "number" || $util.isString(message.value)))
                        return "value: buffer expected";
                return null;
            };

            /**
             * Creates an Any message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof google.protobuf.Any
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {google.protobuf.Any} Any
             */
            Any.fromObject = function (object, _depth) {
                if (object instanceof $root.google.protobuf.Any)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".google.protobuf.Any: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.google.protobuf.Any();
                if (object.type_url != null)
                    if (typeof object.type_url !== "string" || object.type_url.length)
                        message.type_url = $String(object.type_url);
                if (object.value != null)
                    if (object.value.length)
                        if (typeof object.value === "string")
                            $util.base64.decode(object.value, message.value = $util.newBuffer($util.base64.length(object.value)), 0);
                        else if (object.value.length >= 0)
                            message.value = object.value;
                return message;
            };

            /**
             * Creates a plain object from an Any message. Also converts values to other types if specified.
             * @function toObject
             * @memberof google.protobuf.Any
             * @static
             * @param {google.protobuf.Any} message Any
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Any.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.type_url = "";
                    if (options.bytes === $String)
                        object.value = "";
                    else {
                        object.value = [];
                        if (options.bytes !== $Array)
                            object.value = $util.newBuffer(object.value);
                    }
                }
                if (message.type_url != null && $Object.hasOwnProperty.call(message, "type_url"))
                    object.type_url = message.type_url;
                if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                    object.value = options.bytes === $String ? $util.base64.encode(message.value, 0, message.value.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.value) : message.value;
                return object;
            };

            /**
             * Converts this Any to JSON.
             * @function toJSON
             * @memberof google.protobuf.Any
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Any.prototype.toJSON = function() {
                return Any.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Any
             * @function getTypeUrl
             * @memberof google.protobuf.Any
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Any.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/google.protobuf.Any";
            };

            return Any;
        })();

        return protobuf;
    })();

    return google;
})();

export {
  $root as default
};
