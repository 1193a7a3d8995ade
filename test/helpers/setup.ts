/**
 * Runs before every test file (vitest `setupFiles`): removes the temp projects the file
 * made once it is done. Registered here rather than in project.ts because with module
 * isolation off a helper module is evaluated once per worker, not once per file.
 */
import { afterAll } from "vitest";
import { removeTempProjects } from "./project.js";

afterAll(removeTempProjects);
