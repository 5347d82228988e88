// The zeromq library, loaded once: the server uses it and command files get it as `this.env.rpc.zmq`.
import * as zmq from 'zeromq';

export { zmq };
