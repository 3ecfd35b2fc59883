/**
 * The raw transport limit, as a child process like the stand-in: unary grpc-js calls of a fixed request
 * size, one at a time, to `/communicator_objects.UnityToExternalProto/Exchange` on localhost.
 * Usage: node dist/bench/raw-ping-pong-client.js PORT REQUEST_BYTES CALLS
 */
import { grpcConnection } from '../envs/standin/trainer-connection.js';

const [port, requestBytes, calls] = process.argv.slice(2).map(Number) as [number, number, number];
const connection = grpcConnection(port);
const request = new Uint8Array(requestBytes).fill(7);
for (let i = 0; i < calls; i++) await connection.call(request);
connection.close();
