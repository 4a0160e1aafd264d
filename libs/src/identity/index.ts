export { users, UserRepository, toPublicUser, type UserRecord, type PublicUser, type NewUser } from './users';
export { sessions, SessionRepository, hashToken, newRefreshToken, type RefreshToken, type Family, type LoginFailures } from './sessions';
