ALTER TABLE "activation" DROP CONSTRAINT "activation_key_id_product_key_id_fk";
