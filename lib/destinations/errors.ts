// The refusals of destinations' administration (the API maps them to its status and code; the form
// shows the message). Pure.
export class DestinationError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFoundMessage = (id: string) => `No destination has the id ${id}: list them with GET /api/v1/destinations.`;
