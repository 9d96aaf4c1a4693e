export { checkWeight, type WeightCheck } from '#shared/domain/weight-check';
