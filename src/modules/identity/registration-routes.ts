import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';

export function registrationModule(_deps: ModuleDeps): ModuleRoutes {
  return async () => {};
}
