// One source per request for the source pages, their layout and metadata (React's request cache).
import "server-only";
import { cache } from "react";
import { getSourceDetail } from "../data/source-admin";

export const findSource = cache(getSourceDetail);
