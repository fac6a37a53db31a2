// TEMPORARY (lead): replaced once the generator lands.
export async function runDemoSetup(url: string, _opts: { profiles?: number; days?: number; seed?: number }): Promise<void> {
  const { createPrisma, setDb } = await import("../db/prisma");
  const { createUser } = await import("../data/users");
  const db = createPrisma(url, 2);
  setDb(db);
  if ((await db.user.count()) === 0) {
    for (const role of ["admin", "sales", "success", "marketing", "leadership"] as const) {
      await createUser({ email: `${role}@tandem.local`, name: `${role} demo`, role, password: process.env.TANDEM_DEMO_PASSWORD ?? "tandem-demo" });
    }
  }
  await db.$disconnect();
  setDb(undefined);
}
