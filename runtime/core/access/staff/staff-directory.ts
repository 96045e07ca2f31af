/** One staff user as the access compiler needs it. */
export type StaffUser = {
  /** Unique user id; ids starting with `group:` are reserved for group owners and are ignored. */
  id: string;
  /** The user's role name (a role document). */
  role: string;
  /** Inactive users get no principal, but records they own keep their owner. */
  active: boolean;
};

/**
 * The staff users the access compiler reads. Group membership is not here: it comes from the app's
 * group documents (`members.users` are user ids).
 */
export type StaffDirectory = { users: ReadonlyArray<StaffUser> };
