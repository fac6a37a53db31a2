// Who the browser is: an anonymous id kept in a first-party cookie (tdm_aid, one year, SameSite=Lax,
// Secure on https) mirrored in localStorage (a cookie cleared or capped by the browser is restored
// from it, and the reverse), and the user id set by identify(). A site moving from Segment's
// analytics.js keeps the same person: on first run, ajs_anonymous_id and ajs_user_id are adopted.
import { decodeStoredId, ONE_YEAR_SECONDS, parseCookies, serializeCookie } from "./cookie";
import type { TrackerEnv } from "./env";
import { newId } from "./ids";
import { readItem, removeItem, writeItem } from "./storage";

export const ANONYMOUS_ID_COOKIE = "tdm_aid";
export const ANONYMOUS_ID_KEY = "tdm_aid";
export const USER_ID_KEY = "tdm_uid";
export const SEGMENT_ANONYMOUS_ID = "ajs_anonymous_id";
export const SEGMENT_USER_ID = "ajs_user_id";

export class Identity {
  private aid: string;
  private uid: string | undefined;

  constructor(
    private readonly env: TrackerEnv,
    private readonly cookieDomain?: string,
  ) {
    const jar = parseCookies(env.document.cookie);
    const ls = env.localStorage;
    const ours = decodeStoredId(jar[ANONYMOUS_ID_COOKIE]) || decodeStoredId(readItem(ls, ANONYMOUS_ID_KEY));
    this.uid = decodeStoredId(readItem(ls, USER_ID_KEY));
    if (ours) this.aid = ours;
    else {
      // First run of tandem.js in this browser: adopt analytics.js's ids if it ran here before.
      const segment = decodeStoredId(jar[SEGMENT_ANONYMOUS_ID]) || decodeStoredId(readItem(ls, SEGMENT_ANONYMOUS_ID));
      this.aid = segment || newId(env.randomBytes);
      if (!this.uid) this.setUserId(decodeStoredId(jar[SEGMENT_USER_ID]) || decodeStoredId(readItem(ls, SEGMENT_USER_ID)));
    }
    // Written on every load: renews the cookie's year and repairs whichever copy was lost.
    this.writeAnonymousId(this.aid);
  }

  anonymousId(): string {
    return this.aid;
  }

  userId(): string | undefined {
    return this.uid;
  }

  setUserId(id: string | undefined): void {
    this.uid = id;
    if (id) writeItem(this.env.localStorage, USER_ID_KEY, id);
    else removeItem(this.env.localStorage, USER_ID_KEY);
  }

  /** Forgets the user id and starts a new anonymous id (someone else is using this browser). */
  reset(): void {
    this.setUserId(undefined);
    this.aid = newId(this.env.randomBytes);
    this.writeAnonymousId(this.aid);
  }

  private writeAnonymousId(id: string): void {
    this.env.document.cookie = serializeCookie(ANONYMOUS_ID_COOKIE, id, {
      maxAge: ONE_YEAR_SECONDS,
      nowMs: this.env.now(),
      secure: this.env.location.protocol === "https:",
      domain: this.cookieDomain,
    });
    writeItem(this.env.localStorage, ANONYMOUS_ID_KEY, id);
  }
}
