import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';

export function scimModule(_deps: ModuleDeps): ModuleRoutes {
  return async () => {};
}
