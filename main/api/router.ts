// Dispatches one call of the studio API: checks the name, validates the input, runs the handler, and turns
// whatever happens into a Reply. No transport-specific code here; nothing a caller sends can crash it.
import { z } from 'zod';
import {
  calls,
  isCallName,
  StudioError,
  type CallName,
  type CallOutput,
  type CallParsedInput,
  type Reply,
  type StudioErrorShape,
} from '../contract';

export interface CallContext {
  transport: 'ipc' | 'ws' | 'internal';
  /** Who called: a webContents id, a WebSocket peer address. For logs and checks. */
  peer: string;
}

export type Handler<N extends CallName> = (
  input: CallParsedInput<N>,
  ctx: CallContext,
) => Promise<CallOutput<N>> | CallOutput<N>;

export type Handlers = { [N in CallName]: Handler<N> };
export type HandlersFor<K extends CallName> = { [N in K]: Handler<N> };

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'input';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

export function toErrorShape(err: unknown): StudioErrorShape {
  if (err instanceof StudioError) return err.toJSON();
  if (err instanceof z.ZodError) {
    const detail = describeZodError(err);
    return { code: 'invalid_input', message: detail, zh: `输入无效：${detail}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: 'internal',
    message: `Something went wrong inside the studio: ${message}`,
    zh: `工作室内部出错：${message}`,
  };
}

export class ApiRouter {
  constructor(
    private readonly handlers: Handlers,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async dispatch(name: unknown, input: unknown, ctx: CallContext): Promise<Reply> {
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : 'a call without a name';
      return {
        ok: false,
        error: {
          code: 'unknown_call',
          message: `The studio has no call named ${shown}.`,
          zh: `工作室没有名为 ${shown} 的调用。`,
        },
      };
    }
    const spec = calls[name];
    const parsed = spec.input.safeParse(input === undefined || input === null ? {} : input);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `The input to ${name} is not valid: ${describeZodError(parsed.error)}.`,
          zh: `${name} 的输入无效：${describeZodError(parsed.error)}。`,
        },
      };
    }
    try {
      const handler = this.handlers[name] as Handler<CallName>;
      const value = await handler(parsed.data as never, ctx);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        this.log(`call ${name} produced an invalid result: ${describeZodError(checked.error)}`);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `The studio produced an unexpected answer to ${name}.`,
            zh: `工作室对 ${name} 给出了意外的结果。`,
          },
        };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      const error = toErrorShape(err);
      if (error.code === 'internal') this.log(`call ${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
      return { ok: false, error };
    }
  }
}
