import type { Role } from '../../../engine/security/index.js';

/** The roles the analyst tools serve; uploads also serve enterprise staff (kept private to them). */
export const ANALYSTS: Role[] = ['admin', 'analyst'];
export const UPLOADERS: Role[] = ['admin', 'analyst', 'enterprise'];
