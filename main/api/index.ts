export { ApiRouter, describeZodError, toErrorShape } from './router';
export type { CallContext, Handler, Handlers, HandlersFor } from './router';
export { EventBus } from './eventBus';
export type { EventListener, StudioEventArgs } from './eventBus';
export { describeApi } from './describe';
