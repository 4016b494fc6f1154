import "./lib/local-env";
import { prepare } from "./lib/prepare";
import { serveNext } from "./lib/serve";

const prepared = await prepare("development");
serveNext(["dev", "--port", process.env.PORT ?? "3000"], prepared);
