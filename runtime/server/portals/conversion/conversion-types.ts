import type { Clock } from '../../../auth/types.ts';
import type { Mailer } from '../../mail/types.ts';

/** What staff may choose on the convert screen (or a conversion rule chooses). */
export type ConversionOptions = {
  /** Keys of optional targets to create as well (e.g. `['deal']`); required targets always are. */
  targets?: readonly string[];
  /** Per target key, values that replace the mapped ones (staff adjusting the convert screen). */
  overrides?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Per target key, the id of an existing record to link instead of creating one. */
  link?: Readonly<Record<string, string>>;
  /** Make the new identity record (the portal type's `principalModule` target) a portal user of this type. */
  portalType?: string;
};

/** What became of the portal access asked for with `portalType`. */
export type ConversionPortalResult = {
  userId: string;
  /** A new portal user was created, or a moved one has no password yet: an invitation was issued. */
  invited: boolean;
  /** The lead's own portal user was moved over (same id and credentials). */
  moved: boolean;
  /** The invitation mail reached the mail server (or the outbox, with no server configured). */
  invitationMailed: boolean;
};

/** The outcome of one conversion. */
export type ConversionResult = {
  /** The converted record after the conversion, as the caller may read it. */
  lead: Record<string, unknown>;
  /** Target key → id of the record created for it. */
  created: Record<string, string>;
  /** Target key → id of the existing record linked instead. */
  linked: Record<string, string>;
  portal?: ConversionPortalResult;
};

/** What a conversion needs beyond the record context: for portal users and their invitations. */
export type ConversionDeps = {
  mailer: Mailer;
  /** Base of the invitation link. */
  publicUrl: string;
  clock: Clock;
};
