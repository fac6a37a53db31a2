// Rows produced by the pure generator, one interface per table, column names in camelCase.
// Times are epoch milliseconds (UTC); the loader converts them in SQL.

export type Ms = number;
export type Json = Record<string, unknown>;

export interface DemoOptions {
  /** People (profiles) to generate. */
  profiles: number;
  /** Length of the window that ends at the anchor. */
  days: number;
  seed: number;
  /** The end of the window, as a UTC calendar date "YYYY-MM-DD" (the window ends at its 00:00 UTC). */
  anchor: string;
}

export interface DemoWindow {
  startMs: Ms;
  endMs: Ms;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: "admin" | "sales" | "success" | "marketing" | "leadership";
  createdAt: Ms;
}

export interface SourceRow {
  id: string;
  key: "website" | "backend" | "crm";
  name: string;
  kind: "web" | "server" | "crm";
  builtIn: boolean;
  allowedOrigins: string[];
  createdAt: Ms;
}

export interface EventRow {
  sourceId: string;
  messageId: string;
  type: "identify" | "track" | "page" | "group";
  event: string | null;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  properties: Json;
  traits: Json;
  context: Json;
  channel: string | null;
  /** The generated person this message belongs to: the generator's knowledge, never stored (profiles
   * come from identity resolution at load time); tests compare the two. */
  person: number;
  timestamp: Ms;
  originalTimestamp: Ms;
  sentAt: Ms;
  receivedAt: Ms;
}

export interface CompanyRow {
  id: string;
  name: string;
  domain: string;
  externalId: string;
  industry: string;
  size: string;
  ownerId: string;
  createdAt: Ms;
}

export interface AccountRow {
  id: string;
  groupId: string;
  traits: Json;
  companyId: string;
  createdAt: Ms;
}

export type LifecycleStage = "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";

export interface ContactRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  jobTitle: string;
  companyId: string;
  /** null: nobody owns it (a self-serve customer whose rep moved on). */
  ownerId: string | null;
  lifecycleStage: LifecycleStage;
  lastInteractionAt: Ms | null;
  createdAt: Ms;
  updatedAt: Ms;
}

export interface ContactStageRow {
  contactId: string;
  stage: LifecycleStage;
  enteredAt: Ms;
}

export type CallOutcome = "connected" | "no_answer" | "left_voicemail" | "left_message" | "busy" | "wrong_number";

export interface InteractionRow {
  id: string;
  kind: "note" | "call" | "email" | "meeting" | "demo";
  contactId: string;
  companyId: string;
  authorId: string;
  occurredAt: Ms;
  subject: string | null;
  body: string | null;
  outcome: CallOutcome | null;
  durationSeconds: number | null;
  pinned: boolean;
}

export type TicketStatus = "new" | "open" | "pending" | "on_hold" | "solved" | "closed";
export type TicketPriority = "low" | "normal" | "high" | "urgent";

export interface TicketRow {
  id: string;
  number: number;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority;
  contactId: string;
  companyId: string;
  assigneeId: string;
  openedAt: Ms;
  firstResponseAt: Ms | null;
  resolvedAt: Ms | null;
  closedAt: Ms | null;
  reopenCount: number;
  updatedAt: Ms;
}

export interface TicketCommentRow {
  id: string;
  ticketId: string;
  authorId: string | null;
  body: string;
  public: boolean;
  createdAt: Ms;
}

export interface TaskRow {
  id: string;
  title: string;
  notes: string | null;
  /** The one time column that may lie after the anchor (open tasks due in the future). */
  dueAt: Ms | null;
  completedAt: Ms | null;
  assigneeId: string;
  createdById: string;
  contactId: string | null;
  companyId: string | null;
  ticketId: string | null;
  createdAt: Ms;
}

export interface MarketingSpendRow {
  id: string;
  /** A GA4 channel group (lib/analytics/channel.ts CHANNELS). */
  channel: string;
  /** The ad platform, e.g. "google". */
  source: string;
  /** "YYYY-MM-01" */
  month: string;
  /** Decimal as a string with two places. */
  amount: string;
  currency: "USD";
}

/** Everything for one slice of people, in foreign-key order for the loader. */
export interface DemoChunk {
  /** Index of the first person in this chunk and how many people it holds. */
  firstPerson: number;
  people: number;
  companies: CompanyRow[];
  accounts: AccountRow[];
  events: EventRow[];
  contacts: ContactRow[];
  contactStages: ContactStageRow[];
  interactions: InteractionRow[];
  tickets: TicketRow[];
  ticketComments: TicketCommentRow[];
  tasks: TaskRow[];
}
