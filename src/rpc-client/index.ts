export { RpcClient, RpcError, RpcTimeout, type RpcClientOptions, type RpcResponse } from './rpc-client';
