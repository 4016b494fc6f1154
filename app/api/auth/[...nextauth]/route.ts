import type { NextRequest } from "next/server";
import { answeringAuthRequest } from "@/lib/auth/auth-request";
import { handlers } from "@/lib/auth/config";

export const GET = (request: NextRequest) => answeringAuthRequest(request, () => handlers.GET(request));
export const POST = (request: NextRequest) => answeringAuthRequest(request, () => handlers.POST(request));
