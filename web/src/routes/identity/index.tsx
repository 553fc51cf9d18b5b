/** Identity pages: public flows (registration, verification, sign-up, …) and signed-in ones (profile, organization settings). */
export const identityPublicRoutes = [] as const;
export const identityAppRoutes = [] as const;
