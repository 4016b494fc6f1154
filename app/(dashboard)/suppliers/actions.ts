"use server";

import { partyActions } from "../_records/party-actions";

const supplierActions = partyActions("supplier");

export const createSupplier = supplierActions.create;
export const updateSupplier = supplierActions.update;
export const archiveSupplier = supplierActions.archive;
export const unarchiveSupplier = supplierActions.unarchive;
export const deleteSupplier = supplierActions.remove;
