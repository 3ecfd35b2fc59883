/** MA-POCA: group buffer, group λ-returns, the attention critic, the loss and the update step. */
export * from './group-batch.js';
export * from './group-buffer.js';
export * from './group-critic.js';
export * from './group-returns.js';
export * from './hyperparameters.js';
export * from './poca.js';
export * from './poca-loss.js';
export * from './residual-self-attention.js';
export * from './critic-memories.js';
export * from './group-sequences.js';
export * from './recurrent-poca.js';
