CREATE TABLE "xero_contact_details" (
	"party_kind" "party_kind" NOT NULL,
	"party_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"details" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xero_contact_details_party_kind_party_id_pk" PRIMARY KEY("party_kind","party_id")
);
