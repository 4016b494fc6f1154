import { z } from "zod";

// Runs in the browser before the app hydrates. Zod compiles validators with `new Function` when it may;
// probing for that is an eval the Content-Security-Policy forbids (and reports), so switch it off.
z.config({ jitless: true });
