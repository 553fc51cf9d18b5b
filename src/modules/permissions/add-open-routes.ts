import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';

export function addOpenModule(_deps: ModuleDeps): ModuleRoutes {
  return async () => {};
}
