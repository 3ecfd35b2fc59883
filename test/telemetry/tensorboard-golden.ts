/**
 * An event file written by TensorBoard's own Python code (tensorboard 2.21: event_pb2.Event(...)
 * .SerializeToString() through summary.writer.record_writer.RecordWriter), holding three records:
 *   Event{wall_time 1700000000.25, file_version "brain.Event:2"}
 *   Event{wall_time 1700000001.5, step 1234, summary {value {tag "Losses/Policy Loss" simple_value 0.5}}}
 *   Event{wall_time 1700000002.0, step 1235, summary {value {tag "Environment/Cumulative Reward" simple_value 0}}}
 */
export const TENSORBOARD_GOLDEN = Buffer.from(
  '1800000000000000a37f4b220900001040fc54d9411a0d627261696e2e4576656e743a32338d2fe9' +
    '290000000000000037ff5f000900006040fc54d94110d2092a1b0a190a124c6f737365732f506f6c' +
    '696379204c6f7373150000003f9c06d51c34000000000000005e33175c0900008040fc54d94110d3' +
    '092a260a240a1d456e7669726f6e6d656e742f43756d756c6174697665205265776172641500000000f0ad42e0',
  'hex',
);
