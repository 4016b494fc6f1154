export * from "./audit";
export * from "./columns";
export * from "./documents";
export * from "./numbering";
export * from "./parties";
export * from "./products";
export * from "./relations";
export * from "./users";
