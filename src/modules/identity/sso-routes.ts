import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';

export function ssoModule(_deps: ModuleDeps): ModuleRoutes {
  return async () => {};
}
