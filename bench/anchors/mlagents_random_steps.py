"""The Python anchor of issue 16's bridge target: the ML-Agents Python trainer's side of the protocol, random steps.

The trainer side is Unity's own `mlagents_envs` package (UnityEnvironment, the low-level API that mlagents-learn
drives), not a re-implementation: it is imported from PYTHONPATH. UnityEnvironment is opened in Editor mode
(file_name=None): it listens on --port and waits for a scene to connect, as it waits for the Editor's Play button;
the bench then starts `shiva unity-standin` against that port. This script does what `shiva probe` does, so that
the two trainers can be compared step for step: reset, then --steps random steps (for every behavior, every agent
that asks for a decision gets a random action inside its behavior's action spec), reset, close (status 400, which
ends the stand-in). Like mlagents-learn's environment worker, it registers the stats side channel and drains it
after every step.

Timing (time.perf_counter, inside this process):
  - seconds / steps_per_second: the --steps timed steps only, after --warmup steps;
  - window_seconds / window_steps_per_second: from the end of the first reset to the end of close, i.e. the
    warm-up and timed steps, the last reset and the close: the same span the bench times for `shiva probe`.
A line "mlagents_random_steps: reset done" goes to stderr (flushed) at the start of that window, so that the bench
can also time this process from outside exactly as it times the probe.

Prints one JSON line on stdout.

    PYTHONPATH=/tmp/mlagents-src /usr/bin/python3 bench/anchors/mlagents_random_steps.py --port 5077 --steps 3000
"""

import argparse
import json
import sys
import time


def non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {text}")
    return value


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True, help="port UnityEnvironment listens on (Editor mode)")
    parser.add_argument("--steps", type=non_negative_int, default=3000, help="timed random steps")
    parser.add_argument("--warmup", type=non_negative_int, default=0, help="random steps before the timed ones")
    parser.add_argument("--seed", type=non_negative_int, default=0, help="numpy seed and the handshake's seed")
    parser.add_argument("--timeout", type=int, default=60, help="seconds to wait for the scene and each message")
    parser.add_argument("--num-areas", type=int, default=1, help="num_areas sent in the handshake")
    return parser.parse_args()


def main():
    args = parse_args()
    import numpy as np
    import mlagents_envs
    from mlagents_envs.environment import UnityEnvironment
    from mlagents_envs.side_channel.stats_side_channel import StatsSideChannel

    np.random.seed(args.seed)
    # mlagents-learn's environment worker registers the stats channel and drains it after every step; so does
    # `shiva probe`. Without it, mlagents_envs logs a warning for every step that carries stats.
    stats_channel = StatsSideChannel()
    stats_seen = {}
    started = time.perf_counter()
    env = UnityEnvironment(
        file_name=None,
        base_port=args.port,
        seed=args.seed,
        timeout_wait=args.timeout,
        num_areas=args.num_areas,
        side_channels=[stats_channel],
    )
    connected = time.perf_counter()
    env.reset()
    reset_done = time.perf_counter()
    print("mlagents_random_steps: reset done", file=sys.stderr, flush=True)

    specs = dict(env.behavior_specs)
    agents = {name: len(env.get_steps(name)[0]) for name in specs}
    decisions = {name: 0 for name in specs}
    terminals = {name: 0 for name in specs}

    def tally():
        for key, values in stats_channel.get_and_reset_stats().items():
            stats_seen[key] = stats_seen.get(key, 0) + len(values)
        for name in specs:
            decision_steps, terminal_steps = env.get_steps(name)
            decisions[name] += len(decision_steps)
            terminals[name] += len(terminal_steps)

    def random_step():
        for name, spec in specs.items():
            decision_steps, _ = env.get_steps(name)
            if len(decision_steps) > 0:
                env.set_actions(name, spec.action_spec.random_action(len(decision_steps)))
        env.step()
        tally()

    tally()
    for _ in range(args.warmup):
        random_step()
    timed_from = time.perf_counter()
    for _ in range(args.steps):
        random_step()
    timed_to = time.perf_counter()
    env.reset()
    env.close()
    closed = time.perf_counter()

    seconds = timed_to - timed_from
    window = closed - reset_done
    window_steps = args.warmup + args.steps
    print(
        json.dumps(
            {
                "steps": args.steps,
                "warmup": args.warmup,
                "seconds": seconds,
                "steps_per_second": args.steps / seconds if seconds > 0 else None,
                "window_steps": window_steps,
                "window_seconds": window,
                "window_steps_per_second": window_steps / window if window > 0 else None,
                "connect_seconds": connected - started,
                "reset_seconds": reset_done - connected,
                "agents": agents,
                "decision_agent_steps": decisions,
                "terminal_agent_steps": terminals,
                "stats_values": stats_seen,
                "behaviors": {
                    name: {
                        "observations": [list(o.shape) for o in spec.observation_specs],
                        "continuous": spec.action_spec.continuous_size,
                        "discrete_branches": list(spec.action_spec.discrete_branches),
                    }
                    for name, spec in specs.items()
                },
                "mlagents_envs": mlagents_envs.__version__,
                "communication_version": UnityEnvironment.API_VERSION,
                "python": sys.version.split()[0],
                "numpy": np.__version__,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
