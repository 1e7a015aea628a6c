// Content safety: the classifier worker, the policy, the samplers and the service the studio builds.
export {
  SafetyService,
  POLICY_KEY,
  type SafetyActuator,
  type AlertSink,
  type SafetyServiceOptions,
  type ProgramSample,
} from './safetyService';
export { SafetyEventStore } from './safetyEventStore';
export { WorkerClassifier } from '../../common/safety/workerClassifier';
export { type Classifier, type ClassifyOutcome } from '../../common/safety/classifier';
export { safetyHandlers } from './safetyHandlers';
export { platformSink, type LiveRoom, type PlatformSafetyReport } from './platformSink';
export { streamSampleArgs } from '../../common/safety/streamFrameReader';
export { withGuestSafety, type GuestStreamPort } from './guestWatch';
