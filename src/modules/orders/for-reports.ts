import { type SQL, sql } from 'drizzle-orm';

/**
 * The licence and order reports' rows (R-REP-1), for the reports module: each a select whose
 * columns the report declares, with `licensingIdRef` for the caller's scope (scope.ts).
 */

const productColumns = sql`p.code as "productCode", p.name as "productName", f.name as "family", p.version as "version", p.pool::text as "pool"`;

/** Licenses and Services: every license position (online services included) per Licensing ID and product. */
export function licensePositionsReportSql(): SQL {
  return sql`select lp.licensing_id as "licensingIdRef", l.number as "licensingId", l.name as "licensingName", ${productColumns},
      lp.license_type::text as "licenseType", case when lp.is_grant then 'GRANTED' else 'PURCHASED' end as "acquired", lp.quantity::bigint as "quantity", lp.line_count as "orderLines",
      l.number || '|' || p.code || '|' || lp.license_type::text || '|' || lp.is_grant::text as "sortKey"
    from license_position lp
    join licensing_id l on l.id = lp.licensing_id
    join product p on p.id = lp.product_id
    join product_family f on f.id = p.family_id`;
}

/** Packages and Products: every order line, how it was acquired (purchased or granted) and its coverage. */
export function orderLinesReportSql(): SQL {
  return sql`select ol.licensing_id as "licensingIdRef", l.number as "licensingId", o.order_number as "orderNumber",
      o.order_date::text as "orderDate", ol.line_number as "line", ${productColumns},
      ol.license_type::text as "licenseType", case when ol.is_grant then 'GRANTED' else 'PURCHASED' end as "acquired",
      ol.quantity as "quantity", ol.coverage_start::text as "coverageStart", ol.coverage_end::text as "coverageEnd",
      ol.counts_from::text as "countsFrom",
      to_char(o.order_date, 'YYYY-MM-DD') || '|' || o.order_number || '|' || lpad(ol.line_number::text, 6, '0') as "sortKey"
    from order_line ol
    join license_order o on o.id = ol.order_id
    join licensing_id l on l.id = ol.licensing_id
    join product p on p.id = ol.product_id
    join product_family f on f.id = p.family_id`;
}

/** Online Services Renewals: online-service order lines with the day their term ends (renewal due). */
export function onlineServiceTermsReportSql(): SQL {
  return sql`select ol.licensing_id as "licensingIdRef", l.number as "licensingId", l.name as "licensingName",
      o.order_number as "orderNumber", p.code as "productCode", p.name as "productName", ol.quantity as "quantity",
      ol.coverage_start::text as "termStart", ol.coverage_end::text as "expiresOn",
      coalesce(ol.coverage_end::text, '9999') || '|' || o.order_number || '|' || lpad(ol.line_number::text, 6, '0') as "sortKey"
    from order_line ol
    join license_order o on o.id = ol.order_id
    join licensing_id l on l.id = ol.licensing_id
    join product p on p.id = ol.product_id
    where ol.license_type = 'ONLINE_SERVICE'`;
}

/** Agreement Offers: each Licensing ID × product pool it holds licenses in, with its price level. */
export function poolOffersReportSql(): SQL {
  return sql`select l.id as "licensingIdRef", coalesce(a.number, '') as "agreementNumber", l.number as "licensingId",
      l.name as "licensingName", l.program_code::text as "program", x.pool as "pool", l.price_level as "priceLevel",
      x.products as "products", x.quantity as "quantity",
      l.number || '|' || x.pool as "sortKey"
    from licensing_id l
    left join agreement a on a.id = l.parent_agreement_id
    join lateral (
      select p.pool::text as pool, count(distinct p.id)::int as products, sum(lp.quantity)::bigint as quantity
      from license_position lp join product p on p.id = lp.product_id
      where lp.licensing_id = l.id
      group by p.pool
    ) x on true`;
}

/** The online-service quantities ordered per Licensing ID and product, and the orders they came on. */
export function onlineServicesOrderedSql(): SQL {
  return sql`select lp.licensing_id, lp.product_id, sum(lp.quantity)::bigint as ordered,
      (select string_agg(distinct o.order_number, ', ' order by o.order_number) from order_line ol join license_order o on o.id = ol.order_id
        where ol.licensing_id = lp.licensing_id and ol.product_id = lp.product_id and ol.license_type = 'ONLINE_SERVICE') as order_numbers
    from license_position lp
    where lp.license_type = 'ONLINE_SERVICE'
    group by lp.licensing_id, lp.product_id`;
}

/** The products anyone ever ordered as an online service (reads the partial index on positions). */
export function onlineServiceProductIdsSql(): SQL {
  return sql`select distinct x.product_id from license_position x where x.license_type = 'ONLINE_SERVICE'`;
}
