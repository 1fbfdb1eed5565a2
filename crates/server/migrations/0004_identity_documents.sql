-- Bookings may be made with documents other than the resident ID card (foreign residents,
-- Hong Kong, Macau and Taiwan residents): the kind of document, next to its sealed number.
ALTER TABLE bookings ADD COLUMN id_kind TEXT NOT NULL DEFAULT 'resident_id';
