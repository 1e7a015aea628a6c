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
import { refusalWords } from '../contract/refusalWords';

const words = refusalWords.calls;

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
    return new StudioError('invalid_input', words.invalidInput(detail)).toJSON();
  }
  const message = err instanceof Error ? err.message : String(err);
  return new StudioError('internal', words.internal(message)).toJSON();
}

export class ApiRouter {
  constructor(
    private readonly handlers: Handlers,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async dispatch(name: unknown, input: unknown, ctx: CallContext): Promise<Reply> {
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : 'a call without a name';
      return { ok: false, error: new StudioError('unknown_call', words.unknownCall(shown)).toJSON() };
    }
    const spec = calls[name];
    const parsed = spec.input.safeParse(input === undefined || input === null ? {} : input);
    if (!parsed.success) {
      const refusal = words.invalidCallInput(name, describeZodError(parsed.error));
      return { ok: false, error: new StudioError('invalid_input', refusal).toJSON() };
    }
    try {
      const handler = this.handlers[name] as Handler<CallName>;
      const value = await handler(parsed.data as never, ctx);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        this.log(`call ${name} produced an invalid result: ${describeZodError(checked.error)}`);
        return { ok: false, error: new StudioError('internal', words.unexpectedAnswer(name)).toJSON() };
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      const error = toErrorShape(err);
      if (error.code === 'internal') this.log(`call ${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
      return { ok: false, error };
    }
  }
}
