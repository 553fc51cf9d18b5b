import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';

export function permissionsModule(_deps: ModuleDeps): ModuleRoutes {
  return async () => {};
}
