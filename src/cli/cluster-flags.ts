/**
 * The flags that put a command on a cluster (docs/DISTRIBUTED.md): `--cluster URL` and the credentials and TLS
 * files a server off loopback needs (src/cluster/cluster-connection.ts checks them). Shared by `shiva train` (the
 * learner) and `shiva actor`.
 */
import type { Command } from 'commander';

export interface ClusterCliFlags {
  cluster?: string;
  clusterToken?: string;
  clusterUser?: string;
  clusterPassword?: string;
  clusterNkey?: string;
  clusterTlsCa?: string;
  clusterTlsCert?: string;
  clusterTlsKey?: string;
}

export function addClusterOptions(command: Command, role: string): Command {
  return command
    .option('--cluster <url>', `${role} over NATS JetStream at URL (nats://HOST:PORT or tls://HOST:PORT; docs/DISTRIBUTED.md). Loopback by default; a server off loopback needs credentials and TLS`)
    .option('--cluster-token <token>', 'the NATS server\'s token (or SHIVA_CLUSTER_TOKEN)')
    .option('--cluster-user <user>', 'a NATS user (or SHIVA_CLUSTER_USER), with --cluster-password')
    .option('--cluster-password <password>', 'its password (or SHIVA_CLUSTER_PASSWORD)')
    .option('--cluster-nkey <file>', 'a file holding a user NKey seed, SU... (or SHIVA_CLUSTER_NKEY=FILE); the server knows only its public key')
    .option('--cluster-tls-ca <file>', 'PEM file of the CA that signed the NATS server\'s certificate (TLS)')
    .option('--cluster-tls-cert <file>', 'a client certificate (PEM) for servers that ask for one, with --cluster-tls-key')
    .option('--cluster-tls-key <file>', 'the client certificate\'s key (PEM)');
}

/** The flags that are cluster flags, to keep them out of the configuration overrides. */
export const CLUSTER_FLAG_NAMES = ['cluster', 'clusterToken', 'clusterUser', 'clusterPassword', 'clusterNkey', 'clusterTlsCa', 'clusterTlsCert', 'clusterTlsKey'] as const;
