// Staff passwords: bcrypt (cost 10), via the pure-JS bcryptjs so nothing native is built.
import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// A fixed hash compared against when the email is unknown, so a miss costs as long as a hit
// and response times do not reveal which emails have accounts.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.1eJ1ZsF5yq8oUoG3Tn1t8aTfo6aC";

export async function verifyAgainstNothing(password: string): Promise<false> {
  await bcrypt.compare(password, DUMMY_HASH);
  return false;
}
