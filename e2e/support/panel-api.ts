import type { APIRequestContext } from '@playwright/test';
import type { CallResult, MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';

/** Calls the runtime's API the way the browser client does (POST + Bearer token). */
export class PanelApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const res = await this.request.post(`${this.baseUrl}/api/${method}`, {
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      data: input,
    });
    const body = (await res.json()) as CallResult<MethodOutput<M>>;
    if (!body.ok) throw new Error(`${method} failed (HTTP ${res.status()}): ${body.error.message}`);
    return body.data;
  }
}
