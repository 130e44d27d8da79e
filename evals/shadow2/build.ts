import type { Context } from '../shadow/context.js';
import { type SecondItem, SecondSet } from './collect.js';
import { aggregationItems } from './items/aggregation.js';
import { comparisonItems } from './items/comparison.js';
import { demoChainItems } from './items/demo-chain.js';
import { enterpriseItems } from './items/enterprise.js';
import { multiHopItems } from './items/multi-hop.js';
import { policyItems } from './items/policy.js';
import { priceItems } from './items/price.js';
import { refusalItems } from './items/refusal.js';
import { relationItems } from './items/relation.js';
import { variantItems } from './items/variant.js';

/** Every question of the second shadow set, in the development set's order of kinds. */
export function buildSecondSet(ctx: Context): SecondItem[] {
  const set = new SecondSet();
  for (const kind of [
    multiHopItems,
    enterpriseItems,
    aggregationItems,
    comparisonItems,
    relationItems,
    policyItems,
    demoChainItems,
    priceItems,
    refusalItems,
    variantItems,
  ])
    kind(ctx, set);
  return set.items();
}
