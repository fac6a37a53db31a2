// The admin API's destinations: data-layer refusals as API errors.
import { ApiError } from "./errors";
import { DestinationError } from "../destinations/errors";

export async function asApi<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DestinationError) throw new ApiError(err.status, err.code, err.message);
    throw err;
  }
}
