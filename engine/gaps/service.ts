import type { Principal } from '../../knowledge-graph/schema/index.js';
import { ReachCounter } from '../chain/reach.js';
import { chainGraph } from '../chain/service.js';
import { UserError } from '../errors.js';
import type { Engine } from '../container.js';
import { resolveEntity } from '../entities.js';
import { type AlternativesReport, alternatives } from './alternatives.js';
import { chainGaps, type GapOptions, type GapReport } from './gaps.js';

async function locate(
  engine: Engine,
  name: string,
  type: 'Product' | 'Region' | 'Enterprise',
  principal: Principal,
): Promise<{ g: Awaited<ReturnType<typeof chainGraph>>; at: number }> {
  const g = await chainGraph(engine, principal);
  const node = await resolveEntity(engine.graph, name, principal, [type]);
  const at = g.find(node.id);
  if (at === undefined) throw new UserError(`${node.name} (${node.id}) is not part of the analysed chain`);
  return { g, at };
}

/** Chain gaps of a region for the chain ending in `chain` (补链招商). */
export async function gapReport(
  engine: Engine,
  regionName: string,
  chainName: string,
  principal: Principal,
  options: GapOptions = {},
): Promise<GapReport> {
  const { g, at: region } = await locate(engine, regionName, 'Region', principal);
  const { at: chain } = await locate(engine, chainName, 'Product', principal);
  return chainGaps(g, region, chain, new ReachCounter(g), options);
}

/** Alternative producers of a product, ranked by fit for an optional buying enterprise. */
export async function alternativesReport(
  engine: Engine,
  productName: string,
  buyerName: string | undefined,
  principal: Principal,
): Promise<AlternativesReport> {
  const { g, at: product } = await locate(engine, productName, 'Product', principal);
  const buyer = buyerName ? (await locate(engine, buyerName, 'Enterprise', principal)).at : undefined;
  return alternatives(g, product, buyer);
}
