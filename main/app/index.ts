export { createStudio } from './studio';
export type { Studio, StudioOptions, StudioServices } from './studio';
