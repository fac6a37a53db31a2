// The demo story's vocabulary: the fictional company whose customers Tandem tracks ("Loopwise", a
// project & workflow tool sold to teams), its website, plans, channels, and the people, companies,
// notes and tickets that make the CRM feel lived-in. All text is written for this project.

export const SITE = "https://www.loopwise.example";
export const PRODUCT = "Loopwise";

// ───────────────────────────── plans and money ─────────────────────────────

export type PlanName = "starter" | "pro" | "business";

/** Monthly list prices in USD. */
export const PLAN_PRICES: Record<PlanName, number> = { starter: 49, pro: 149, business: 499 };

/** Probability that a paying customer cancels at a given monthly renewal. Blended ≈ 5 %. */
export const MONTHLY_CHURN: Record<PlanName, number> = { starter: 0.07, pro: 0.04, business: 0.02 };

export const TRIAL_DAYS = 14;

// ───────────────────────────── channels ─────────────────────────────

/** GA4 default channel group names, as written to events.channel. */
export const GA4_CHANNELS = [
  "Paid Search",
  "Paid Social",
  "Organic Search",
  "Organic Social",
  "Email",
  "Referral",
  "Direct",
] as const;
export type Channel = (typeof GA4_CHANNELS)[number];

export interface ChannelStory {
  /** Share of all first visits. */
  share: number;
  /** Probability that a first-time visitor from this channel signs up for a trial. */
  signup: number;
  /** Probability that a sign-up from this channel becomes a paying customer. */
  paid: number;
}

// Conversion to paid differs clearly by channel: warm introductions (referral, email) convert several
// times better than interruption advertising on social networks.
export const CHANNEL_STORY: Record<Channel, ChannelStory> = {
  "Paid Search": { share: 0.22, signup: 0.3, paid: 0.2 },
  "Paid Social": { share: 0.18, signup: 0.2, paid: 0.1 },
  "Organic Search": { share: 0.23, signup: 0.28, paid: 0.24 },
  "Organic Social": { share: 0.07, signup: 0.24, paid: 0.15 },
  Email: { share: 0.08, signup: 0.45, paid: 0.38 },
  Referral: { share: 0.09, signup: 0.45, paid: 0.42 },
  Direct: { share: 0.13, signup: 0.36, paid: 0.3 },
};

/** Ad platforms that appear in marketing_spend, with the cost of each visitor they bring. */
export const SPEND_CHANNELS = ["Google Ads", "Meta", "LinkedIn"] as const;
export type SpendChannel = (typeof SPEND_CHANNELS)[number];
export const COST_PER_VISITOR: Record<SpendChannel, number> = { "Google Ads": 42, Meta: 14, LinkedIn: 31 };
/** Where each platform's spend is recorded: its GA4 channel group and a source (the migration's mapping). */
export const SPEND_TARGETS: Record<SpendChannel, { channel: "Paid Search" | "Paid Social"; source: string }> = {
  "Google Ads": { channel: "Paid Search", source: "google" },
  Meta: { channel: "Paid Social", source: "meta" },
  LinkedIn: { channel: "Paid Social", source: "linkedin" },
};

export const PAID_SEARCH_CAMPAIGNS = [
  { name: "search-brand", terms: ["loopwise", "loopwise pricing", "loopwise login"], content: ["brand-rsa-1", "brand-rsa-2"] },
  {
    name: "search-nonbrand-project-management",
    terms: ["project management software for teams", "team workflow tool", "best project tracker for agencies", "kanban for marketing teams"],
    content: ["rsa-speed", "rsa-templates", "rsa-free-trial"],
  },
  {
    name: "search-competitor",
    terms: ["asana alternative", "monday.com alternative", "trello alternative for business", "jira alternative for non engineers"],
    content: ["rsa-switch", "rsa-compare"],
  },
  { name: "search-automation", terms: ["workflow automation for teams", "automate recurring tasks", "approval workflow software"], content: ["rsa-automation"] },
] as const;

export const PAID_SOCIAL_CAMPAIGNS = {
  facebook: ["prospecting-lookalike-trials", "retargeting-pricing-visitors", "video-templates-q-launch"],
  instagram: ["reels-agency-workflows", "retargeting-pricing-visitors"],
  linkedin: ["abm-mid-market-ops", "thought-leadership-workload-report", "conversation-ads-ops-leaders"],
} as const;

export const EMAIL_CAMPAIGNS = ["monthly-product-update", "webinar-invite-automation", "workload-report-2025", "partner-newsletter-feature"] as const;

export const ORGANIC_SEARCH_REFERRERS = [
  ["https://www.google.com/", 0.78],
  ["https://www.bing.com/", 0.12],
  ["https://duckduckgo.com/", 0.07],
  ["https://www.ecosia.org/", 0.03],
] as const;

export const ORGANIC_SOCIAL_REFERRERS = [
  ["https://www.linkedin.com/", 0.45],
  ["https://t.co/", 0.15],
  ["https://www.reddit.com/", 0.15],
  ["https://news.ycombinator.com/", 0.1],
  ["https://www.threads.net/", 0.08],
  ["https://www.facebook.com/", 0.07],
] as const;

export const REFERRAL_SITES = [
  "https://www.g2.com/products/loopwise/reviews",
  "https://www.capterra.com/p/238114/Loopwise/",
  "https://opsnotes.substack.com/p/how-we-run-our-agency-on-loopwise",
  "https://www.producthunt.com/products/loopwise",
  "https://brightpath-consulting.com/blog/tools-we-recommend",
  "https://thestackweekly.com/issues/142",
  "https://remotefirst.guide/tools/project-management",
  "https://www.agencyhandbook.net/resources/workflow-tools",
] as const;

// ───────────────────────────── website pages ─────────────────────────────

export interface SitePage {
  path: string;
  title: string;
  name: string;
}

const p = (path: string, name: string, title = `${name} | ${PRODUCT}`): SitePage => ({ path, name, title });

export const PAGES = {
  home: p("/", "Home", `${PRODUCT} — Projects and workflows your whole team will actually use`),
  pricing: p("/pricing", "Pricing"),
  features: p("/features", "Features"),
  automations: p("/features/automations", "Automations"),
  templates: p("/templates", "Templates"),
  customers: p("/customers", "Customers"),
  security: p("/security", "Security"),
  integrations: p("/integrations", "Integrations"),
  compareAsana: p("/compare/asana", "Loopwise vs Asana"),
  signup: p("/signup", "Sign Up"),
  lpTeams: p("/lp/project-management-for-teams", "Project management for teams"),
  lpSwitch: p("/lp/switch-in-a-day", "Switch in a day"),
  lpWebinar: p("/lp/webinar-automation", "Webinar: Automations that save a day a week"),
  changelog: p("/changelog", "Changelog"),
  blogWorkload: p("/blog/how-to-balance-team-workload", "How to balance your team's workload"),
  blogRetro: p("/blog/running-retrospectives-that-change-things", "Running retrospectives that change things"),
  blogAgency: p("/blog/agency-client-approvals", "Client approvals without the email chains"),
  blogOkr: p("/blog/okrs-for-small-teams", "OKRs for small teams"),
  blogRemote: p("/blog/async-standups", "Async stand-ups that people read"),
} satisfies Record<string, SitePage>;

export const BLOG_PAGES: SitePage[] = [PAGES.blogWorkload, PAGES.blogRetro, PAGES.blogAgency, PAGES.blogOkr, PAGES.blogRemote];
export const BROWSE_PAGES: SitePage[] = [
  PAGES.pricing,
  PAGES.features,
  PAGES.automations,
  PAGES.templates,
  PAGES.customers,
  PAGES.integrations,
  PAGES.security,
  PAGES.compareAsana,
  PAGES.home,
];

export const APP_PAGES: SitePage[] = [
  p("/app", "Home", `Home · ${PRODUCT}`),
  p("/app/projects", "Projects", `Projects · ${PRODUCT}`),
  p("/app/my-tasks", "My Tasks", `My tasks · ${PRODUCT}`),
  p("/app/reports/workload", "Workload Report", `Workload · ${PRODUCT}`),
  p("/app/automations", "Automations", `Automations · ${PRODUCT}`),
  p("/app/inbox", "Inbox", `Inbox · ${PRODUCT}`),
];
export const APP_ONBOARDING = p("/app/welcome", "Welcome", `Welcome · ${PRODUCT}`);
export const APP_BILLING = p("/app/settings/billing", "Billing", `Billing · ${PRODUCT}`);

/** Product usage events between sign-up and churn, with relative frequency. */
export const USAGE_EVENTS = [
  ["Task Completed", 30],
  ["Task Created", 26],
  ["Comment Added", 14],
  ["Project Created", 8],
  ["Report Viewed", 8],
  ["File Attached", 6],
  ["Automation Created", 3],
  ["Teammate Invited", 3],
  ["Integration Connected", 2],
] as const;

export const INTEGRATIONS = ["Slack", "Google Drive", "GitHub", "Microsoft Teams", "HubSpot", "Figma", "Zapier"] as const;
export const PROJECT_TEMPLATES = ["blank", "sprint-planning", "content-calendar", "client-onboarding", "product-launch", "okrs"] as const;

// ───────────────────────────── visitors ─────────────────────────────

export interface Geo {
  country: string;
  timezone: string;
  /** Hours from UTC (standard time; DST is ignored — nobody reads a demo that closely). */
  offset: number;
  locale: string;
  /** First two octets of the made-up address range used for this country. */
  ipPrefix: string;
  tld: string;
  phone: (digits: string) => string;
}

export const GEOS: (readonly [Geo, number])[] = [
  [{ country: "US", timezone: "America/New_York", offset: -5, locale: "en-US", ipPrefix: "73.152", tld: ".com", phone: (d) => `+1 212 555 0${d.slice(0, 3)}` }, 20],
  [{ country: "US", timezone: "America/Chicago", offset: -6, locale: "en-US", ipPrefix: "98.213", tld: ".com", phone: (d) => `+1 312 555 0${d.slice(0, 3)}` }, 9],
  [{ country: "US", timezone: "America/Los_Angeles", offset: -8, locale: "en-US", ipPrefix: "67.161", tld: ".com", phone: (d) => `+1 415 555 0${d.slice(0, 3)}` }, 13],
  [{ country: "CA", timezone: "America/Toronto", offset: -5, locale: "en-CA", ipPrefix: "99.231", tld: ".ca", phone: (d) => `+1 416 555 0${d.slice(0, 3)}` }, 5],
  [{ country: "GB", timezone: "Europe/London", offset: 0, locale: "en-GB", ipPrefix: "86.143", tld: ".co.uk", phone: (d) => `+44 20 7946 0${d.slice(0, 3)}` }, 12],
  [{ country: "DE", timezone: "Europe/Berlin", offset: 1, locale: "de-DE", ipPrefix: "91.64", tld: ".de", phone: (d) => `+49 30 5557 ${d.slice(0, 4)}` }, 9],
  [{ country: "FR", timezone: "Europe/Paris", offset: 1, locale: "fr-FR", ipPrefix: "90.91", tld: ".fr", phone: (d) => `+33 1 55 50 ${d.slice(0, 2)} ${d.slice(2, 4)}` }, 6],
  [{ country: "NL", timezone: "Europe/Amsterdam", offset: 1, locale: "nl-NL", ipPrefix: "84.104", tld: ".nl", phone: (d) => `+31 20 555 ${d.slice(0, 4)}` }, 5],
  [{ country: "SE", timezone: "Europe/Stockholm", offset: 1, locale: "sv-SE", ipPrefix: "83.248", tld: ".se", phone: (d) => `+46 8 555 ${d.slice(0, 3)} ${d.slice(3, 5)}` }, 3],
  [{ country: "ES", timezone: "Europe/Madrid", offset: 1, locale: "es-ES", ipPrefix: "88.27", tld: ".es", phone: (d) => `+34 91 555 ${d.slice(0, 2)} ${d.slice(2, 4)}` }, 4],
  [{ country: "AU", timezone: "Australia/Sydney", offset: 10, locale: "en-AU", ipPrefix: "101.181", tld: ".com.au", phone: (d) => `+61 2 5550 ${d.slice(0, 4)}` }, 6],
  [{ country: "IN", timezone: "Asia/Kolkata", offset: 5.5, locale: "en-IN", ipPrefix: "49.207", tld: ".in", phone: (d) => `+91 80 5555 ${d.slice(0, 4)}` }, 5],
  [{ country: "BR", timezone: "America/Sao_Paulo", offset: -3, locale: "pt-BR", ipPrefix: "177.92", tld: ".com.br", phone: (d) => `+55 11 5555 ${d.slice(0, 4)}` }, 3],
];

export const USER_AGENTS = {
  desktop: [
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 34],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 30],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", 12],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", 14],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:132.0) Gecko/20100101 Firefox/132.0", 6],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", 4],
  ],
  mobile: [
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", 55],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", 25],
    ["Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", 20],
  ],
} as const;

export const WEB_LIBRARY = { name: "analytics.js", version: "next-1.72.0" } as const;
export const SERVER_LIBRARY = { name: "@segment/analytics-node", version: "2.1.3" } as const;

// ───────────────────────────── people and companies ─────────────────────────────

export const FIRST_NAMES = [
  "Marc", "Sofia", "James", "Amara", "Lukas", "Priya", "Noah", "Chloé", "Mateo", "Hana", "Oliver", "Fatima", "Ethan", "Ingrid",
  "Diego", "Yuki", "Liam", "Aisha", "Jonas", "Emma", "Tariq", "Léa", "Samuel", "Mei", "Henrik", "Olivia", "Kofi", "Camille",
  "Daniel", "Anika", "Rafael", "Zoe", "Arjun", "Isabel", "Felix", "Nadia", "Gabriel", "Sienna", "Omar", "Freya", "Tomás",
  "Ava", "Kenji", "Maya", "Elias", "Grace", "Ravi", "Clara", "Hugo", "Leila", "Ben", "Mia", "Adrian", "Chiara", "Victor",
  "Nora", "Sebastian", "Julia", "Malik", "Elena", "Theo", "Ines", "Patrick", "Lucía", "Connor", "Astrid", "Andrés", "Hannah",
  "Nikhil", "Greta", "Luca", "Rosa", "Femi", "Charlotte", "Max", "Sara", "Wei", "Eva", "Jack", "Layla", "Pierre", "Ruby",
  "Kwabena", "Lina", "Matthew", "Ayesha", "Simon", "Alba", "Joel", "Tessa", "Rohan", "Helena", "Erik", "Valentina", "Aaron",
  "Zara", "Dmitri", "Nina", "Caleb", "Anaïs",
] as const;

export const LAST_NAMES = [
  "Dubois", "Okafor", "Schneider", "Nakamura", "Patel", "Hughes", "García", "Lindqvist", "Rossi", "Kowalski", "Mensah", "Chen",
  "Bennett", "Fischer", "Haddad", "Moreau", "Andersson", "Silva", "Murphy", "Novak", "Tanaka", "Ibrahim", "Walsh", "Jansen",
  "Kaur", "Fernández", "Becker", "Osei", "Laurent", "Müller", "Santos", "O'Brien", "Yamamoto", "Khan", "Petrov", "Varga",
  "Cohen", "Nguyen", "Bianchi", "Hansen", "Adeyemi", "Martin", "Costa", "Lewis", "Kim", "Wagner", "Reyes", "Sharma", "Dijkstra",
  "Fontaine", "Berg", "Alvarez", "Campbell", "Schmidt", "Sato", "Mahmoud", "Russo", "Eriksen", "Turner", "Das", "Keller",
  "Rivera", "Popescu", "Vogel", "Lambert", "Ahmed", "Holm", "Marino", "Fraser", "Ortiz", "Weber", "Singh", "Nowak", "Brennan",
  "Leclerc", "Mwangi", "Park", "Nilsson", "Carvalho", "Doyle",
] as const;

export const JOB_TITLES = [
  ["Operations Manager", 10],
  ["Head of Operations", 7],
  ["Project Manager", 12],
  ["Marketing Manager", 8],
  ["Founder & CEO", 6],
  ["COO", 3],
  ["Product Manager", 8],
  ["Engineering Manager", 6],
  ["Creative Director", 4],
  ["Account Director", 4],
  ["Program Manager", 5],
  ["Head of Delivery", 4],
  ["Team Lead", 7],
  ["Chief of Staff", 2],
  ["Content Lead", 3],
  ["IT Manager", 3],
  ["Customer Success Manager", 3],
  ["VP Operations", 2],
] as const;

export const COMPANY_WORDS = [
  "Northwind", "Bluefin", "Copperleaf", "Harborline", "Silverbirch", "Larkspur", "Meridian", "Fjordway", "Granite Peak", "Juniper",
  "Kestrel", "Lumenfield", "Maplestone", "Nimbus", "Orchardly", "Pioneer Trail", "Redwood Bay", "Sablecrest", "Tidewater", "Vantage Point",
  "Willowmere", "Yarrow", "Zephyr", "Atlas Ridge", "Beaconhill", "Cobalt Sky", "Driftwood", "Emberly", "Foxglove", "Gablestone",
  "Helix", "Ironbark", "Jasperline", "Keystone", "Latticeworks", "Monarch", "Northstar", "Oakridge", "Parallax", "Quillmark",
  "Riverstone", "Summitview", "Trellis", "Upland", "Vellum", "Wayfarer", "Alderbrook", "Birchwood", "Cedarline", "Dunmore",
  "Elmstead", "Flintlock", "Grovehouse", "Heronsgate", "Indigo Lane", "Kiteworks", "Lindenhall", "Mosaic", "Novaform", "Onyxstone",
  "Pebblebrook", "Quayside", "Rookery", "Saltmarsh", "Thistle", "Umbra", "Verdant", "Wildflower", "Brightwater", "Clearpath",
  "Deepwell", "Evergreen", "Fairwind", "Goldcrest", "Highmoor", "Inkwell", "Lakeshore", "Millbrook", "Nettlefield", "Overton",
] as const;

export const INDUSTRIES = [
  { industry: "Marketing & Advertising", suffixes: ["Creative", "Agency", "Studio", "Media", "Collective"] },
  { industry: "Software", suffixes: ["Labs", "Software", "Systems", "Digital", "Cloud"] },
  { industry: "Professional Services", suffixes: ["Consulting", "Partners", "Advisory", "Group"] },
  { industry: "E-commerce", suffixes: ["Goods", "Supply Co.", "Market", "Outfitters"] },
  { industry: "Healthcare", suffixes: ["Health", "Care", "Clinics", "Medical"] },
  { industry: "Education", suffixes: ["Learning", "Academy", "Education"] },
  { industry: "Logistics", suffixes: ["Logistics", "Freight", "Transport"] },
  { industry: "Financial Services", suffixes: ["Capital", "Finance", "Advisors"] },
  { industry: "Construction", suffixes: ["Builders", "Construction", "Works"] },
  { industry: "Nonprofit", suffixes: ["Foundation", "Trust", "Initiative"] },
] as const;

/** Company size bands with weights; larger teams pick bigger plans. */
export const COMPANY_SIZES = [
  ["1-10", 22],
  ["11-50", 38],
  ["51-200", 25],
  ["201-500", 10],
  ["501-1000", 3],
  ["1001-5000", 2],
] as const;

export const COMPANY_TLDS = [
  [".com", 62],
  [".io", 12],
  [".co", 8],
  [".agency", 3],
  [".net", 5],
  ["geo", 10],
] as const;

// ───────────────────────────── staff ─────────────────────────────

export type StaffRole = "admin" | "sales" | "success" | "marketing" | "leadership";

export interface StaffMember {
  key: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Sales reps own companies and contacts; success agents work tickets and onboarding. */
  team?: "sales" | "success";
}

export const STAFF: StaffMember[] = [
  { key: "admin", email: "admin@tandem.local", name: "Avery Admin", role: "admin" },
  { key: "sales", email: "sales@tandem.local", name: "Sam Sales", role: "sales", team: "sales" },
  { key: "success", email: "success@tandem.local", name: "Skyler Success", role: "success", team: "success" },
  { key: "marketing", email: "marketing@tandem.local", name: "Morgan Marketing", role: "marketing" },
  { key: "leadership", email: "leadership@tandem.local", name: "Logan Leadership", role: "leadership" },
  { key: "priya", email: "priya.raman@tandem.local", name: "Priya Raman", role: "sales", team: "sales" },
  { key: "diego", email: "diego.alvarez@tandem.local", name: "Diego Alvarez", role: "sales", team: "sales" },
  { key: "hannah", email: "hannah.becker@tandem.local", name: "Hannah Becker", role: "sales", team: "sales" },
  { key: "kwame", email: "kwame.mensah@tandem.local", name: "Kwame Mensah", role: "success", team: "success" },
  { key: "lena", email: "lena.novak@tandem.local", name: "Lena Novak", role: "success", team: "success" },
];

// ───────────────────────────── CRM text ─────────────────────────────

/** Personal notes reps keep about people; `{first}` is the contact's first name. */
export const PERSONAL_NOTES = [
  "{first} just had a baby boy! Sent a card from the team — no calls until they're back next month.",
  "{first} is a huge football fan (Arsenal). Avoid booking anything on match days.",
  "{first} is moving to Lisbon in the spring; expect a time-zone change on their side.",
  "{first} ran the Berlin marathon last weekend — ask how the recovery is going.",
  "{first}'s daughter starts university in September, so they'll be out the first week.",
  "Met {first} at the SaaStr Europa booth. Loved the automations demo, hates long decks.",
  "{first} got promoted to Director last week — send congratulations.",
  "{first} prefers a quick WhatsApp over email for anything urgent.",
  "{first} is on parental leave until the end of the month; their colleague covers approvals.",
  "{first} is learning Japanese and spends two weeks in Kyoto every November.",
  "Coffee order for on-sites: oat flat white. {first} asked us to remember.",
  "{first} is the internal champion, but the CFO signs off on anything above $5k a year.",
  "{first} plays in a band on weekends — they had a gig at a local festival last month.",
  "{first} mentioned their team is hiring three more PMs next quarter: expansion opportunity.",
  "{first} is vegetarian — keep that in mind for the QBR lunch.",
  "{first} was burned by a previous tool migration; walk them through the import step by step.",
  "{first} prefers calls after 2pm their time; mornings are blocked for client work.",
  "{first} just got back from a sabbatical in New Zealand. Great photos of the Milford Sound.",
] as const;

export const CALL_NOTES: Record<"connected" | "no_answer" | "left_voicemail" | "left_message" | "busy" | "wrong_number", readonly string[]> = {
  connected: [
    "Walked through the trial setup. They want to import their Asana projects first; sent the import guide.",
    "Good call. Team of {size} people; main pain is status meetings. Showed the workload view — strong interest.",
    "{first} is evaluating us against two other tools. Decision by end of month; wants pricing for annual billing.",
    "Discussed automations for client approvals. They'll invite two colleagues to the trial this week.",
    "{first} needs a security questionnaire before procurement can move. Sent our SOC 2 summary.",
  ],
  no_answer: ["No answer. Will try again tomorrow.", "Rang out, no voicemail set up.", "No answer — trying a different time of day next."],
  left_voicemail: [
    "Left a voicemail about their trial and offered a 20-minute walkthrough.",
    "Voicemail: mentioned the automation templates for their use case.",
  ],
  left_message: ["Left a message with the front desk; {first} is in workshops all day.", "Spoke to their assistant and left a message to call back."],
  busy: ["Line busy. Will retry later this week."],
  wrong_number: ["Wrong number — the number on the sign-up form belongs to someone else. Asking by email instead."],
};

/** What a customer success manager notes after a check-in call with a paying customer. */
export const SUCCESS_CALL_NOTES = [
  "Quick check-in: they're happy with onboarding and asked about SSO on the Business plan.",
  "Talked through adoption. Two teams are fully on Loopwise; the design team still uses spreadsheets.",
  "{first} wants a refresher session for five new hires next month.",
  "No concerns. They may add seats next quarter once the new office opens.",
  "Walked {first} through recurring-task automations; they'll replace their Monday status meeting with the workload report.",
] as const;

export const EMAIL_TOUCHES = [
  ["Quick question about your {product} trial", "Hi {first}, I saw {company} started a trial — anything I can help you set up? Happy to do a 15-minute walkthrough."],
  ["Templates for {company}", "Hi {first}, sharing three templates teams like yours start with: client onboarding, sprint planning and a content calendar."],
  ["Following up", "Hi {first}, following up on my call — here's the import guide and a link to book time with me."],
  ["Pricing for {company}", "Hi {first}, as promised: pricing for {seats} seats on Pro and Business, monthly and annual."],
] as const;

/** The first outreach emails of a sales rep (no pricing before a conversation). */
export const OUTREACH_EMAILS = EMAIL_TOUCHES.slice(0, 3);

export const SUCCESS_EMAILS = [
  ["Welcome aboard, {first}!", "Hi {first}, I'm your customer success manager at {product}. Here's how to get the most out of your first month."],
  ["Your workspace health check", "Hi {first}, your team completed {n} tasks last month. Two automations could save you a few hours a week — want a quick tour?"],
  ["New: recurring task automations", "Hi {first}, the feature you asked about on our last call has shipped. Here's a two-minute video."],
] as const;

export const MEETINGS = {
  demo: ["Product demo: automations and reporting", "Tailored demo for {company}", "Demo for {company}'s ops team"],
  onboarding: ["Onboarding kickoff with {company}", "Import and setup session"],
  checkin: ["Monthly check-in", "Adoption review with {first}"],
  qbr: ["Quarterly business review — {company}"],
} as const;

export const DEAL_NOTES = [
  "Budget approved for this quarter; procurement needs our DPA signed before purchase.",
  "Competing against monday.com on price. Our edge: automations and the workload view.",
  "Decision maker is the COO; {first} is running the evaluation.",
  "They need SSO and audit logs — Business plan fit.",
] as const;

// ───────────────────────────── support tickets ─────────────────────────────

export interface TicketTemplate {
  subject: string;
  description: string;
  priorities: readonly (readonly ["low" | "normal" | "high" | "urgent", number])[];
}

export const TICKETS: TicketTemplate[] = [
  {
    subject: "Import from Asana stops at 80%",
    description: "The importer gets to 80% and then just spins. We have about 40 projects. Tried twice.",
    priorities: [["normal", 6], ["high", 3]],
  },
  {
    subject: "Can't log in — SSO redirect loop",
    description: "Since this morning everyone on our team gets bounced back to the login page after signing in with Google.",
    priorities: [["urgent", 6], ["high", 4]],
  },
  {
    subject: "Invoice needs our VAT number",
    description: "Could you reissue last month's invoice with our VAT number on it? Finance won't process it otherwise.",
    priorities: [["low", 7], ["normal", 3]],
  },
  {
    subject: "How do I add a guest to one project only?",
    description: "We want to share one project with a client without giving them access to everything.",
    priorities: [["low", 4], ["normal", 6]],
  },
  {
    subject: "Slack notifications stopped arriving",
    description: "Our Slack channel hasn't received any task notifications since yesterday. Nothing changed on our side.",
    priorities: [["normal", 5], ["high", 5]],
  },
  {
    subject: "Recurring task created twice",
    description: "A weekly recurring task shows up twice every Monday. It's confusing the team.",
    priorities: [["normal", 8], ["low", 2]],
  },
  {
    subject: "Workload report shows nobody assigned",
    description: "The workload report is empty for the last two weeks even though tasks are assigned.",
    priorities: [["high", 5], ["normal", 5]],
  },
  {
    subject: "All tasks disappeared from our main board",
    description: "Our main client board is empty. We have a delivery tomorrow — please help ASAP.",
    priorities: [["urgent", 9], ["high", 1]],
  },
  {
    subject: "Request: dark mode",
    description: "Half the team works late and would love a dark theme. Any plans?",
    priorities: [["low", 10]],
  },
  {
    subject: "Change the owner of our workspace",
    description: "Our previous admin left the company. Please transfer ownership to me.",
    priorities: [["normal", 7], ["high", 3]],
  },
  {
    subject: "Webhook deliveries failing with 401",
    description: "Our webhook endpoint gets 401s from your side since we rotated the secret. We updated it in settings.",
    priorities: [["high", 6], ["normal", 4]],
  },
  {
    subject: "Downgrade question",
    description: "If we move from Business to Pro, do we keep our audit log history?",
    priorities: [["low", 6], ["normal", 4]],
  },
];

export const TICKET_REPLIES = {
  first: [
    "Hi {first}, thanks for reaching out — I'm looking into this now and will update you shortly.",
    "Hi {first}, sorry about this! I've reproduced it and flagged it to our engineers.",
    "Hi {first}, thanks for the details. Could you send a screenshot of what you see?",
    "Hi {first}, happy to help. I've checked your workspace settings and have a suggestion below.",
  ],
  customer: [
    "Thanks! Screenshot attached.",
    "That worked for two of us, but not for the third user.",
    "Any update on this? The team is asking.",
    "Great, thank you — that fixed it.",
  ],
  internal: [
    "Looks like the known importer timeout on large attachments. Linked to ENG-2231.",
    "Customer is on Business — prioritising.",
    "Checked logs: token expired after the secret rotation. Walking them through it.",
    "Escalated to engineering on-call.",
  ],
  resolved: [
    "Hi {first}, the fix is live — could you try again? I'll mark this solved, but just reply if anything's off.",
    "Hi {first}, done! Let me know if there's anything else.",
    "Hi {first}, here's how to do it step by step. Marking this as solved for now.",
  ],
} as const;

export const TASK_TITLES = {
  retry: "Call {first} again",
  followUp: "Follow up with {first} after the call",
  proposal: "Send {company} a proposal",
  onboarding: "Check in with {first} on onboarding",
  qbr: "Prepare QBR for {company}",
  renewal: "Renewal conversation with {company}",
  ticket: "Follow up on ticket: {subject}",
} as const;

export const CANCEL_REASONS = [
  ["too_expensive", 30],
  ["switched_to_competitor", 22],
  ["missing_features", 18],
  ["team_not_adopting", 20],
  ["company_closed", 5],
  ["other", 5],
] as const;
